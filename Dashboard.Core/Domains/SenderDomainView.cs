namespace Dashboard.Core.Domains;

/// <summary>A sender domain as the page and the API show it: its records to publish, each with what the last check found.</summary>
public sealed record SenderDomainView(
    long Id,
    string Name,
    string Selector,
    DateTimeOffset CreatedAt,
    string? CreatedBy,
    DateTimeOffset? CheckedAt,
    DomainCheckState State,
    string Failures,
    int? SpfLookups,
    string? DmarcPolicy,
    IReadOnlyList<RecordResult> Records);

/// <summary>One record to publish and what the last check found for it.</summary>
/// <param name="Record">What to publish.</param>
/// <param name="Status">Found, missing, wrong or weak (Unchecked before the first check).</param>
/// <param name="Found">What DNS answered, when it differs or for reference.</param>
/// <param name="Detail">Why, in a sentence.</param>
public sealed record RecordResult(PublishedRecord Record, RecordStatus Status, string? Found, string? Detail);
