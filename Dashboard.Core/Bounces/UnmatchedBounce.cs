namespace Dashboard.Core.Bounces;

/// <summary>
/// Inbound mail that could not be parsed or matched, or that names one of our messages without a
/// valid signed token (unverified): kept, raw, with the reason. An unverified report acts on nothing
/// until an admin accepts it.
/// </summary>
public sealed class UnmatchedBounce
{
    public long Id { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public string? EnvelopeFrom { get; set; }

    public string? EnvelopeTo { get; set; }

    public string? Subject { get; set; }

    public required string Why { get; set; }

    public required byte[] Raw { get; set; }

    /// <summary>The message an unverified report names (by its Message-ID), when it is one; null otherwise.</summary>
    public long? MessageId { get; set; }

    /// <summary>When an admin accepted the unverified report, so that it acted; null while it has not.</summary>
    public DateTimeOffset? AcceptedAt { get; set; }

    /// <summary>The admin who accepted it.</summary>
    public string? AcceptedBy { get; set; }
}
