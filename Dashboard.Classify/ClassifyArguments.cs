namespace Dashboard.Classify;

/// <summary>What the command line <c>classify [--json] [--repeat N] PATH...</c> asks for.</summary>
/// <param name="Json">One JSON object per line instead of a table.</param>
/// <param name="Repeat">How many times every file is read (start-up paid once).</param>
/// <param name="Paths">Files or folders (read recursively).</param>
/// <param name="Help">Only the usage was asked for.</param>
internal sealed record ClassifyArguments(bool Json, int Repeat, IReadOnlyList<string> Paths, bool Help = false)
{
    public const string Usage = "usage: classify [--json] [--repeat N] PATH...";

    /// <summary>The arguments, or null and the <paramref name="error"/> to print before exiting with 2.</summary>
    public static ClassifyArguments? Parse(string[] args, out string? error)
    {
        error = null;
        var json = false;
        var repeat = 1;
        var paths = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json":
                    json = true;
                    break;
                case "--repeat" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n > 0:
                    repeat = n;
                    i++;
                    break;
                case "-h" or "--help":
                    return new ClassifyArguments(json, repeat, paths, Help: true);
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal))
                    {
                        error = $"classify: unknown option {args[i]}\n{Usage}";
                        return null;
                    }
                    paths.Add(args[i]);
                    break;
            }
        }
        if (paths.Count == 0)
        {
            error = Usage;
            return null;
        }
        return new ClassifyArguments(json, repeat, paths);
    }
}
