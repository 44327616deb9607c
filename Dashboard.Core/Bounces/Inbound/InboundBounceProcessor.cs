using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Dashboard.Core.Bounces.Inbound;

/// <summary>
/// Matches each report of an inbound message to the message it is about by its signed return-path
/// token, writes the timeline event with the full diagnostic and applies the same rules as a
/// synchronous answer. A report matched only by the returned Message-ID is recorded as unverified and
/// acts on nothing until an admin accepts it. What cannot be read or matched is kept, raw, with why.
/// </summary>
public sealed class InboundBounceProcessor(
    IDbContextFactory<DashboardDbContext> dbFactory,
    ReturnPathSigner returnPath,
    MessageLedger ledger,
    TimeProvider time,
    ILogger<InboundBounceProcessor> logger,
    Unsubscribe.UnsubscribeService? unsubscribe = null,
    Dmarc.DmarcReportReceiver? dmarc = null)
{
    /// <summary>Reads, matches and acts on one inbound message. Never throws for bad input.</summary>
    public async Task<InboundResult> ProcessAsync(InboundMail mail, CancellationToken cancellationToken = default)
    {
        if (unsubscribe is not null && mail.EnvelopeTo.FirstOrDefault(unsubscribe.IsUnsubscribeAddress) is { } unsubscribeTo)
        {
            // Mail to a List-Unsubscribe mailto: the address itself is the request, whatever the body says.
            var result = await unsubscribe.UnsubscribeAsync(unsubscribeTo, Unsubscribe.UnsubscribeChannel.Mail, cancellationToken);
            if (result.Accepted)
            {
                return new InboundResult([], null);
            }
            var forged = $"Mail to {unsubscribeTo}: not a valid unsubscribe address (forged or altered), so nobody was unsubscribed.";
            await KeepAsync(mail, forged, null, cancellationToken);
            return new InboundResult([], forged);
        }

        if (dmarc is not null && mail.EnvelopeTo.Any(dmarc.IsReportAddress))
        {
            return await ReceiveDmarcAsync(dmarc, mail, cancellationToken);
        }

        IReadOnlyList<BounceReport> reports;
        try
        {
            reports = BounceParser.Parse(mail.Raw);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "An inbound message could not be parsed");
            var unreadable = $"Could not be parsed: {ex.Message}";
            await KeepAsync(mail, unreadable, null, cancellationToken);
            return new InboundResult([], unreadable);
        }
        if (reports.Count == 0)
        {
            const string notAReport = "Not recognised as a bounce, a complaint or an auto-reply.";
            await KeepAsync(mail, notAReport, null, cancellationToken);
            return new InboundResult([], notAReport);
        }

        var problems = new List<string>();
        var unverified = new List<(long MessageId, string Why)>();
        // Retried on a conflict: two reports about one message can arrive at two instances at once.
        var matched = await ledger.WriteRetryingAsync(async tx =>
        {
            problems.Clear();
            unverified.Clear();
            var now = time.GetUtcNow();
            var found = new List<long>();
            foreach (var report in reports)
            {
                var match = await MatchAsync(tx.Db, mail, report, tx.CancellationToken);
                if (match.Message is not { } message)
                {
                    problems.Add($"{report.Recipient}: {match.Why}");
                }
                else if (!match.Verified)
                {
                    message.RecordUnverified(report, match.Why, now);
                    unverified.Add((message.Id, $"{report.Recipient}: {match.Why}"));
                }
                else
                {
                    await tx.RecordReportAsync(message, report, Source(message, report, mail), now);
                    found.Add(message.Id);
                }
            }
            return found;
        }, cancellationToken);

        // Unverified reports are kept for admins, each with the message it names, so one can be accepted.
        foreach (var group in unverified.GroupBy(u => u.MessageId))
        {
            await KeepAsync(mail, string.Join(" ", group.Select(u => u.Why)), group.Key, cancellationToken);
        }
        var why = problems.Count > 0 ? string.Join(" ", problems) : null;
        if (why is not null)
        {
            await KeepAsync(mail, why, null, cancellationToken);
        }
        return new InboundResult(matched, why ?? (unverified.Count > 0 ? string.Join(" ", unverified.Select(u => u.Why)) : null));
    }

    // A DMARC aggregate report is not about one of our messages: it is stored apart, or kept with why not.
    private async Task<InboundResult> ReceiveDmarcAsync(Dmarc.DmarcReportReceiver receiver, InboundMail mail, CancellationToken cancellationToken)
    {
        try
        {
            await receiver.ReceiveAsync(mail, cancellationToken);
            return new InboundResult([], null);
        }
        catch (Dmarc.DmarcReportException ex)
        {
            var why = $"DMARC report not stored: {ex.Message}";
            await KeepAsync(mail, why, null, cancellationToken);
            return new InboundResult([], why);
        }
    }

    /// <summary>
    /// Finds the message a report is about. Only a valid signed token verifies it: in the envelope
    /// recipient (where the report was sent), the report's own To, or the returned message's
    /// Return-Path (a feedback loop returns the original message). Matched only by the returned
    /// Message-ID, it is unverified. A report about another recipient than the message's matches nothing.
    /// </summary>
    private async Task<ReportMatch> MatchAsync(DashboardDbContext db, InboundMail mail, BounceReport report, CancellationToken cancellationToken)
    {
        // A report mailed to several of our addresses at once is matched by its own addresses first.
        IEnumerable<string?> returned = [report.Original.BounceTo, report.Original.Header("Return-Path")];
        var candidates = mail.EnvelopeTo.Count > 1 ? returned.Concat(mail.EnvelopeTo) : mail.EnvelopeTo.Concat(returned);
        string? forged = null;
        foreach (var candidate in candidates)
        {
            var (found, valid) = returnPath.TryRead(candidate, out var publicId);
            if (found && !valid)
            {
                forged ??= candidate;
            }
            if (!valid)
            {
                continue;
            }
            var byToken = await db.Messages.FirstOrDefaultAsync(m => m.PublicId == publicId, cancellationToken);
            if (byToken is null)
            {
                return ReportMatch.None($"the token in {candidate} is genuine but its message no longer exists.");
            }
            if (!report.IsAbout(byToken.Recipient))
            {
                return ReportMatch.None($"the report is about {report.Recipient}, but the message its token names was sent to {byToken.Recipient}, so it does not act on it.");
            }
            return byToken.WasSent
                ? new ReportMatch(byToken, true, "")
                : ReportMatch.None($"message {byToken.PublicId} is {byToken.Status}; it was never sent, so no report can be about it.");
        }

        // No valid token: the returned Message-ID can only point at a message, never act on it. Every
        // recipient has its own Message-ID, but anyone the message reached has seen it.
        var token = forged is not null
            ? $"the return-path token in {forged} has an invalid signature (forged or altered)"
            : "it carries no signed return-path token";
        if (string.IsNullOrWhiteSpace(report.Original.MessageId))
        {
            return ReportMatch.None($"{token}, and no Message-ID of the original message.");
        }
        var messageId = report.Original.MessageId.Trim().Trim('<', '>');
        var sameId = await db.Messages.Where(m => m.MessageIdHeader == messageId).ToListAsync(cancellationToken);
        var match = sameId.FirstOrDefault(m => report.IsAbout(m.Recipient) && m.WasSent);
        if (match is null)
        {
            return ReportMatch.None(sameId.Count == 0
                ? $"{token}, and no message we sent has Message-ID <{messageId}>."
                : $"{token}, and Message-ID <{messageId}> is not a message to {report.Recipient}, so the report does not act on it.");
        }
        return new ReportMatch(match, false, $"{token}; it matches message {match.PublicId} only by its Message-ID, so it was recorded as unverified and acted on nothing.");
    }

    private sealed record ReportMatch(Message? Message, bool Verified, string Why)
    {
        public static ReportMatch None(string why) => new(null, false, why);
    }

    // Where a report came from, for the timeline.
    private static string Source(Message message, BounceReport report, InboundMail mail) =>
        message.DeliveredByRelay && message.Status is MessageStatus.Delivered
            ? $"The relay accepted it; the destination refused it later. Report from {mail.EnvelopeFrom ?? "<>"} about {report.Recipient}"
            : $"Asynchronous report from {mail.EnvelopeFrom ?? "<>"} about {report.Recipient}";

    private async Task KeepAsync(InboundMail mail, string why, long? messageId, CancellationToken cancellationToken)
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
            MessageId = messageId,
        });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Kept an inbound message from {From}: {Why}", mail.EnvelopeFrom, why);
    }
}
