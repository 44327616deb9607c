namespace Dashboard.Core.Suppressions;

/// <summary>What an import does with one line of the file.</summary>
public enum ImportLineOutcome
{
    /// <summary>A new suppression is (or would be) added.</summary>
    Added = 0,
    /// <summary>The same address or domain is already suppressed for the same reason: nothing to do.</summary>
    AlreadySuppressed = 1,
    /// <summary>The same value appeared on an earlier line of the file.</summary>
    Duplicate = 2,
    /// <summary>The line cannot be read: see the message.</summary>
    Invalid = 3,
}

/// <summary>One line of an import, as the preview and the report show it.</summary>
/// <param name="Line">The line number in the file (the header is line 1).</param>
/// <param name="Value">The address or domain as normalised, or the raw text when it is invalid.</param>
/// <param name="Reason">The reason the suppression gets.</param>
/// <param name="Outcome">What happens to it.</param>
/// <param name="Message">Why, in words (always set for Invalid and Duplicate).</param>
/// <param name="Note">The file's note for the suppression, if it has one.</param>
public sealed record SuppressionImportLine(int Line, string Value, SuppressionReason Reason, ImportLineOutcome Outcome, string? Message, string? Note = null);

/// <summary>The result of reading (preview) or applying (import) a file: a line for every data line, none skipped silently.</summary>
public sealed record SuppressionImportReport(IReadOnlyList<SuppressionImportLine> Lines)
{
    public int Added => Lines.Count(l => l.Outcome == ImportLineOutcome.Added);
    public int AlreadySuppressed => Lines.Count(l => l.Outcome == ImportLineOutcome.AlreadySuppressed);
    public int Duplicates => Lines.Count(l => l.Outcome == ImportLineOutcome.Duplicate);
    public int Invalid => Lines.Count(l => l.Outcome == ImportLineOutcome.Invalid);
}
