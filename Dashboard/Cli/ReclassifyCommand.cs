using Dashboard.Core.Reclassification;
using Dashboard.Core.Users;

namespace Dashboard.Cli;

/// <summary>
/// <c>dotnet run --project Dashboard -- reclassify [--apply]</c>: re-runs the classifier over every
/// stored reply and bounce in the configured database and prints what would change (counts by
/// old → new reason, then each message); with <c>--apply</c> it applies it, as an admin would on
/// the Suppressions page's Re-classify tab.
/// </summary>
internal static class ReclassifyCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var apply = args.Contains("--apply");
        var unknown = args.Where(a => a != "--apply").ToList();
        if (unknown.Count > 0)
        {
            await output.WriteLineAsync($"reclassify: unknown argument {unknown[0]}. Usage: reclassify [--apply]");
            return 2;
        }
        var reclassifier = services.GetRequiredService<Reclassifier>();
        // Whoever runs the command on the server has the database anyway: it acts as an admin.
        var actor = new Actor("command line", new HashSet<string> { Roles.Admin });
        var diff = apply ? await reclassifier.ApplyAsync(actor) : await reclassifier.DiffAsync();
        await output.WriteLineAsync($"{diff.Examined} stored verdicts read; {diff.Changes.Count} change ({diff.HardnessFlips} between hard and soft).");
        foreach (var count in diff.Counts)
        {
            await output.WriteLineAsync($"{count.Count,7}  {Label(count.OldReason, count.OldHard)} -> {Label(count.NewReason, count.NewHard)}");
        }
        foreach (var change in diff.Changes)
        {
            await output.WriteLineAsync($"{change.OccurredAt:yyyy-MM-dd HH:mm}  {change.MessagePublicId}  {change.Recipient}  "
                + $"{Label(change.OldReason, change.OldHard)} -> {Label(change.NewReason, change.NewHard)}{(change.IsLatest ? "" : "  (earlier reply)")}");
        }
        await output.WriteLineAsync(apply ? "Applied: statuses, bounce rate and suppressions follow; each change is on its timeline as re-classified."
            : "Nothing changed. Run with --apply to apply it.");
        return 0;
    }

    private static string Label(string? reason, bool? hard) => $"{reason ?? "-"} ({hard switch { true => "hard", false => "soft", null => "-" }})";
}
