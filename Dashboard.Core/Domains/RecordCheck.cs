namespace Dashboard.Core.Domains;

/// <summary>What the last DNS check found for one record of a sender domain.</summary>
public sealed class RecordCheck
{
    public RecordStatus Status { get; set; }

    /// <summary>What DNS answered (the record's text, or the MX hosts); null when nothing was there.</summary>
    public string? Found { get; set; }

    /// <summary>Why the status is what it is, in a sentence for the page.</summary>
    public string? Detail { get; set; }
}
