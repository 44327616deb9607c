namespace Dashboard.Core.Bounces.Inbound;

/// <summary>A kept inbound message, as the Unmatched list shows it (the raw bytes are fetched on demand).</summary>
public sealed record UnmatchedBounceView(long Id, DateTimeOffset ReceivedAt, string? EnvelopeFrom, string? EnvelopeTo, string? Subject, string Why, int SizeBytes);
