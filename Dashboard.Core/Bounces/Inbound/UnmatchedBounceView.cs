namespace Dashboard.Core.Bounces.Inbound;

/// <summary>A kept inbound message, as the Unmatched list shows it (the raw bytes are fetched on demand).</summary>
/// <param name="Id">The kept entry's id.</param>
/// <param name="ReceivedAt">When the listener received it.</param>
/// <param name="EnvelopeFrom">MAIL FROM, null for the null sender.</param>
/// <param name="EnvelopeTo">The RCPT TO addresses.</param>
/// <param name="Subject">Its Subject, when it could be read.</param>
/// <param name="Why">Why it was kept rather than acted on.</param>
/// <param name="SizeBytes">The raw message's size.</param>
/// <param name="MessagePublicId">For an unverified report: the message it names (by its Message-ID); null for mail that names none.</param>
/// <param name="AcceptedAt">When an admin accepted the unverified report, so that it acted.</param>
/// <param name="AcceptedBy">Who accepted it.</param>
public sealed record UnmatchedBounceView(
    long Id, DateTimeOffset ReceivedAt, string? EnvelopeFrom, string? EnvelopeTo, string? Subject, string Why, int SizeBytes,
    string? MessagePublicId = null, DateTimeOffset? AcceptedAt = null, string? AcceptedBy = null)
{
    /// <summary>An unverified report an admin may still accept.</summary>
    public bool CanAccept => MessagePublicId is not null && AcceptedAt is null;
}
