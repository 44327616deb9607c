using System.Text;

namespace Dashboard.Components.Pages.Send;

/// <summary>Splits what the user typed in the To field into one entry per recipient.</summary>
public static class RecipientList
{
    /// <summary>
    /// Splits on commas, semicolons and line breaks, except inside quotes or angle brackets
    /// ("Doe, Jane" &lt;jane@example.com&gt; stays whole); trims, drops blanks and repeats
    /// (case-insensitive), keeps the typed order. Validation is the pipeline's job.
    /// </summary>
    public static IReadOnlyList<string> Split(string? text)
    {
        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var current = new StringBuilder();
        bool quoted = false, angled = false;

        void Flush()
        {
            var entry = current.ToString().Trim();
            current.Clear();
            if (entry.Length > 0 && seen.Add(entry))
            {
                result.Add(entry);
            }
        }

        foreach (var c in text ?? "")
        {
            switch (c)
            {
                case '"':
                    quoted = !quoted;
                    break;
                case '<' when !quoted:
                    angled = true;
                    break;
                case '>' when !quoted:
                    angled = false;
                    break;
                case ',' or ';' or '\n' or '\r' when !quoted && !angled:
                    Flush();
                    continue;
            }
            current.Append(c);
        }
        Flush();
        return result;
    }

    /// <summary>The text with <paramref name="recipient"/> taken out, one recipient per line.</summary>
    public static string Without(string? text, string recipient) =>
        string.Join("\n", Split(text).Where(r => !string.Equals(r, recipient, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The text with every address at <paramref name="typed"/> moved to <paramref name="suggested"/>, one recipient per line.</summary>
    public static string ReplaceDomain(string? text, string typed, string suggested) =>
        string.Join("\n", Split(text).Select(r => r.EndsWith("@" + typed, StringComparison.OrdinalIgnoreCase)
            ? r[..^typed.Length] + suggested
            : r.EndsWith("@" + typed + ">", StringComparison.OrdinalIgnoreCase) ? r[..^(typed.Length + 1)] + suggested + ">" : r));
}
