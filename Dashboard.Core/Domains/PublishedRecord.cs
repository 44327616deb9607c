namespace Dashboard.Core.Domains;

/// <summary>One DNS record to publish, ready to copy.</summary>
/// <param name="Kind">What it is for.</param>
/// <param name="Name">The owner name, fully qualified (<c>dash1._domainkey.example.com</c>).</param>
/// <param name="Type">TXT or MX.</param>
/// <param name="Value">The record's data as a DNS console takes it.</param>
public sealed record PublishedRecord(RecordKind Kind, string Name, string Type, string Value);
