using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Dashboard.Core.Bounces.Inbound;

/// <summary>
/// Matches each report of an inbound message to the message it is about (by the signed return-path
/// token, else by the returned Message-ID), writes the timeline event with the full diagnostic and
/// applies the same rules as a synchronous answer. What cannot be read or matched is kept, raw, with why.
/// </summary>
public sealed class InboundBounceProcessor(
    IDbContextFactory<DashboardDbContext> dbFactory,
    ReturnPathSigner returnPath,
    MessageLedger ledger,
    TimeProvider time,
    ILogger<InboundBounceProcessor> logger)
{
    /// <summary>Reads, matches and acts on one inbound message. Never throws for bad input.</summary>
    public async Task<InboundResult> ProcessAsync(InboundMail mail, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<BounceReport> reports;
        try
        {
            reports = BounceParser.Parse(mail.Raw);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "An inbound message could not be parsed");
            return await KeepUnmatchedAsync(mail, $"Could not be parsed: {ex.Message}", cancellationToken);
        }
        if (reports.Count == 0)
        {
            return await KeepUnmatchedAsync(mail, "Not recognised as a bounce, a complaint or an auto-reply.", cancellationToken);
        }

        var problems = new List<string>();
        var matched = await ledger.WriteAsync(async tx =>
        {
            var now = time.GetUtcNow();
            var found = new List<long>();
            foreach (var report in reports)
            {
                var (message, why) = await MatchAsync(tx.Db, mail, report, tx.CancellationToken);
                if (message is null)
                {
                    problems.Add($"{report.Recipient}: {why}");
                    continue;
                }
                if (!message.WasSent)
                {
                    problems.Add($"{report.Recipient}: message {message.PublicId} is {message.Status}; it was never sent, so no report can be about it.");
                    continue;
                }
                await tx.RecordReportAsync(message, report, Source(message, report, mail), now);
                found.Add(message.Id);
            }
            return found;
        }, cancellationToken);
        if (problems.Count > 0)
        {
            var kept = await KeepUnmatchedAsync(mail, string.Join(" ", problems), cancellationToken);
            return new InboundResult(matched, kept.UnmatchedWhy);
        }
        return new InboundResult(matched, null);
    }

    private async Task<(Message? Message, string Why)> MatchAsync(DashboardDbContext db, InboundMail mail, BounceReport report, CancellationToken cancellationToken)
    {
        // 1. The token in our return path: where the bounce was sent (envelope), or the report's To.
        // A report mailed to several of our addresses at once is matched by its own To first.
        var candidates = mail.EnvelopeTo.Count > 1
            ? new[] { report.Original.BounceTo }.Concat(mail.EnvelopeTo)
            : mail.EnvelopeTo.Append(report.Original.BounceTo);
        foreach (var candidate in candidates)
        {
            var (found, valid) = returnPath.TryRead(candidate, out var publicId);
            if (!found)
            {
                continue;
            }
            if (!valid)
            {
                // A forged or altered token matches nothing, not even by Message-ID: otherwise anyone
                // who saw a Message-ID could suppress its recipient.
                return (null, $"the return-path token in {candidate} has an invalid signature (forged or altered), so it matches no message.");
            }
            var byToken = await db.Messages.FirstOrDefaultAsync(m => m.PublicId == publicId, cancellationToken);
            return byToken is null ? (null, $"the token in {candidate} is genuine but its message no longer exists.") : (byToken, "");
        }

        // 2. The returned message's Message-ID (and the recipient, for a message sent to several).
        if (string.IsNullOrWhiteSpace(report.Original.MessageId))
        {
            return (null, "no return-path token and no Message-ID of the original message in it.");
        }
        var messageId = report.Original.MessageId.Trim().Trim('<', '>');
        var sameId = await db.Messages.Where(m => m.MessageIdHeader == messageId).ToListAsync(cancellationToken);
        var recipient = report.Recipient.Trim().ToLowerInvariant();
        // A report about another recipient never acts on this message: whoever saw one message could
        // otherwise suppress its recipient by naming any address.
        var match = sameId.FirstOrDefault(m => m.Recipient == recipient);
        return match is null
            ? (null, sameId.Count == 0
                ? $"no return-path token, and no message we sent has Message-ID <{messageId}>."
                : $"Message-ID <{messageId}> is not a message to {recipient}, so the report does not act on it.")
            : (match, "");
    }

    // Where a report came from, for the timeline.
    private static string Source(Message message, BounceReport report, InboundMail mail) =>
        message.DeliveredByRelay && message.Status is MessageStatus.Delivered
            ? $"The relay accepted it; the destination refused it later. Report from {mail.EnvelopeFrom ?? "<>"} about {report.Recipient}"
            : $"Asynchronous report from {mail.EnvelopeFrom ?? "<>"} about {report.Recipient}";

    private async Task<InboundResult> KeepUnmatchedAsync(InboundMail mail, string why, CancellationToken cancellationToken)
    {
        string? subject = null;
        try
        {
            using var stream = new MemoryStream(mail.Raw, writable: false);
            subject = HeaderList.Load(stream)[HeaderId.Subject];
        }
        catch (Exception ex) when (ex is FormatException or ParseException)
        {
            // Headers that do not parse still leave the raw message.
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.UnmatchedBounces.Add(new UnmatchedBounce
        {
            ReceivedAt = time.GetUtcNow(),
            EnvelopeFrom = mail.EnvelopeFrom,
            EnvelopeTo = string.Join(", ", mail.EnvelopeTo),
            Subject = subject is { Length: > 500 } ? subject[..500] : subject,
            Why = why,
            Raw = mail.Raw,
        });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Kept an unmatched inbound message from {From}: {Why}", mail.EnvelopeFrom, why);
        return new InboundResult([], why);
    }
}
