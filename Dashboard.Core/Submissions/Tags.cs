using System.Text.RegularExpressions;

namespace Dashboard.Core.Submissions;

/// <summary>
/// Message tags: up to 3 short labels (letters, digits, <c>._:-</c>, starting with a letter or digit,
/// so every tag sorts after the reports' "any" key <c>*</c> in any collation), stored comma-separated.
/// </summary>
public static partial class Tags
{
    public const int MaxCount = 3;
    public const int MaxLength = 64;

    /// <summary>
    /// The labels in <paramref name="raw"/> (each may itself hold commas), lower-cased and de-duplicated;
    /// null with the reason when one is malformed or there are too many.
    /// </summary>
    public static IReadOnlyList<string>? Parse(IEnumerable<string?> raw, out string? error)
    {
        var tags = raw.Where(t => t is not null)
            .SelectMany(t => t!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(t => t.ToLowerInvariant())
            .Distinct()
            .ToList();
        error = tags.FirstOrDefault(t => !Pattern().IsMatch(t)) is { } bad
            ? $"\"{(bad.Length > 40 ? bad[..40] + "…" : bad)}\" is not a tag: use 1-{MaxLength} letters, digits, '.', '_', ':' or '-', starting with a letter or digit."
            : tags.Count > MaxCount ? $"{tags.Count} tags is more than the limit of {MaxCount}." : null;
        return error is null ? tags : null;
    }

    /// <summary>The stored form: null for none.</summary>
    public static string? Join(IReadOnlyList<string> tags) => tags.Count == 0 ? null : string.Join(',', tags);

    /// <summary>The stored form back as a list.</summary>
    public static IReadOnlyList<string> Split(string? stored) =>
        string.IsNullOrEmpty(stored) ? [] : stored.Split(',');

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N}._:-]{0,63}$")]
    private static partial Regex Pattern();
}
