using Dashboard.Core.Activity;
using Dashboard.Core.Classification;
using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Dashboard.Core.Suppressions;
using Dashboard.Core.Users;
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
    SuppressionService suppressions,
    ActivityFeed feed,
    TimeProvider time,
    ILogger<InboundBounceProcessor> logger)
{
    internal const string AfterDeliveryText = "Bounced after delivery — most likely the recipient forwards mail and the forward failed.";

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

        var matched = new List<Message>();
        var problems = new List<string>();
        using (await suppressions.WriteGate.EnterAsync(cancellationToken))
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var now = time.GetUtcNow();
            foreach (var report in reports)
            {
                var (message, why) = await MatchAsync(db, mail, report, cancellationToken);
                if (message is null)
                {
                    problems.Add($"{report.Recipient}: {why}");
                    continue;
                }
                await ApplyAsync(db, message, report, mail, now, cancellationToken);
                matched.Add(message);
            }
            await suppressions.SaveAndAnnounceAsync(db, cancellationToken);
        }
        if (matched.Count > 0)
        {
            feed.Publish([.. matched.DistinctBy(m => m.Id).Select(m => new MessageChange(m.Id, m.PublicId, m.Status, time.GetUtcNow()))]);
        }
        if (problems.Count > 0)
        {
            var kept = await KeepUnmatchedAsync(mail, string.Join(" ", problems), cancellationToken);
            return new InboundResult([.. matched.Select(m => m.Id)], kept.UnmatchedWhy);
        }
        return new InboundResult([.. matched.Select(m => m.Id)], null);
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
        var match = sameId.Count == 1 ? sameId[0] : sameId.FirstOrDefault(m => m.Recipient == recipient);
        return match is null
            ? (null, sameId.Count == 0
                ? $"no return-path token, and no message we sent has Message-ID <{messageId}>."
                : $"Message-ID <{messageId}> belongs to {sameId.Count} messages, none to {recipient}.")
            : (match, "");
    }

    private async Task ApplyAsync(DashboardDbContext db, Message message, BounceReport report, InboundMail mail, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Only a delivery to the recipient's own server makes a later hard bounce a forwarding failure;
        // after a relay's 250 it is the destination's ordinary refusal.
        var wasDelivered = message.Status is MessageStatus.Delivered && !message.DeliveredByRelay;
        var source = message.DeliveredByRelay && message.Status is MessageStatus.Delivered
            ? $"The relay accepted it; the destination refused it later. Report from {mail.EnvelopeFrom ?? "<>"} about {report.Recipient}"
            : $"Asynchronous report from {mail.EnvelopeFrom ?? "<>"} about {report.Recipient}";
        var response = report.Diagnostic ?? (report.ReplyCode is { } c ? c.ToString() : null);
        var evt = new MessageEvent
        {
            MessageId = message.Id,
            OccurredAt = now,
            ReplyCode = report.ReplyCode,
            EnhancedStatus = report.EnhancedStatus,
            Response = response,
            RemoteHost = report.RemoteMta,
            Reason = report.Reason,
            IsHard = report.Hard,
            Rule = report.Rule,
            Evidence = report.Diagnostic,
            Advice = report.Advice,
            Actor = Actor.System.Name,
            Detail = source,
        };

        switch (report.Kind)
        {
            case BounceKind.Bounce when IsDelayWarning(report):
                evt.Type = MessageEventType.Info;
                evt.Detail = $"Delay warning: a server is still trying to deliver it. {source}.";
                break;

            case BounceKind.Bounce when report.Hard == true:
                evt.Type = wasDelivered ? MessageEventType.BouncedAfterDelivery : MessageEventType.HardBounce;
                if (wasDelivered)
                {
                    evt.Detail = $"{AfterDeliveryText} {source}.";
                    evt.Advice = Reasons.AfterDeliveryAdvice;
                    message.BouncedAfterDelivery = true;
                }
                SetLatest(message, report, response, MessageStatus.HardBounced, now);
                evt.Suppression = await suppressions.ApplyResultAsync(db, message, ToVerdict(report, Outcome.HardBounce), now, Actor.System.Name, cancellationToken);
                break;

            case BounceKind.Bounce:
                evt.Type = MessageEventType.SoftBounce;
                if (wasDelivered)
                {
                    // The first server took it; a temporary failure further on does not undo that.
                    evt.Detail = $"Soft bounce after delivery (a later hop, e.g. forwarding, is having trouble). {source}.";
                }
                else
                {
                    SetLatest(message, report, response, MessageStatus.SoftBounced, now);
                }
                evt.Suppression = await suppressions.ApplyResultAsync(db, message, ToVerdict(report, Outcome.SoftBounce), now, Actor.System.Name, cancellationToken);
                break;

            case BounceKind.Complaint:
                evt.Type = MessageEventType.Complaint;
                evt.Detail = $"The recipient reported this message as spam. {source}.";
                message.Status = MessageStatus.Complained;
                message.UpdatedAt = now;
                message.Reason = report.Reason;
                message.IsHard = null;
                evt.Suppression = await suppressions.ApplyComplaintAsync(db, message, now, $"Spam complaint ({report.Diagnostic})", Actor.System.Name, cancellationToken);
                break;

            case BounceKind.AutoReply:
                evt.Type = MessageEventType.AutoReply;
                evt.Detail = $"Automatic reply (e.g. out of office); nothing to do. {source}.";
                break;

            default:
                evt.Type = MessageEventType.Info;
                evt.Detail = $"Delivery confirmed by a later server. {source}.";
                break;
        }
        db.MessageEvents.Add(evt);
    }

    // A delay warning ("Action: delayed"): the sending side is still trying, nothing is final yet.
    private static bool IsDelayWarning(BounceReport report) =>
        string.Equals(report.Action, "delayed", StringComparison.OrdinalIgnoreCase);

    private static void SetLatest(Message message, BounceReport report, string? response, MessageStatus status, DateTimeOffset now)
    {
        message.Status = status;
        message.UpdatedAt = now;
        message.LastReplyCode = report.ReplyCode;
        message.LastEnhancedStatus = report.EnhancedStatus;
        message.LastResponse = response;
        message.Reason = report.Reason;
        message.IsHard = report.Hard;
    }

    private static Verdict ToVerdict(BounceReport report, Outcome outcome) =>
        new(outcome, report.Reason, report.Hard, report.Rule, report.Diagnostic ?? "", report.Advice);

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
