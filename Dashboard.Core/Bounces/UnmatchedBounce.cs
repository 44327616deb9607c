namespace Dashboard.Core.Bounces;

/// <summary>Inbound mail that could not be parsed or matched: kept, raw, with the reason.</summary>
public sealed class UnmatchedBounce
{
    public long Id { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public string? EnvelopeFrom { get; set; }

    public string? EnvelopeTo { get; set; }

    public string? Subject { get; set; }

    public required string Why { get; set; }

    public required byte[] Raw { get; set; }
}
