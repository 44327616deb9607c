using System.Collections.Concurrent;
using System.Globalization;
using Dashboard.Core.Activity;
using Dashboard.Core.Classification;
using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Dashboard.Core.Suppressions;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Dashboard.Core.Sending;

/// <summary>
/// The sending pipeline: validates, stores every recipient as Queued (committed before any SMTP
/// traffic), rejects suppressed recipients, sends the rest through the configured transport,
/// classifies each answer as it comes and applies the suppression rules. No retries: a bounce is final.
/// </summary>
public sealed class SendService(
    IDbContextFactory<DashboardDbContext> dbFactory,
    IMailTransport transport,
    SuppressionService suppressions,
    ActivityFeed feed,
    TimeProvider time,
    IOptions<SendingOptions> options,
    ReturnPathSigner returnPath,
    ILogger<SendService> logger)
{
    private readonly SemaphoreSlim _inFlight = new(options.Value.Concurrency, options.Value.Concurrency);

    /// <summary>Sends <paramref name="request"/> on behalf of <paramref name="actor"/>.</summary>
    /// <exception cref="SendValidationException">Bad input; nothing was stored.</exception>
    /// <exception cref="ForbiddenException">The actor may not send.</exception>
    public async Task<SendResult> SendAsync(SendRequest request, Actor actor, CancellationToken cancellationToken = default)
    {
        if (!actor.CanSend)
        {
            throw new ForbiddenException($"{actor.Name} may not send mail.");
        }
        ArgumentNullException.ThrowIfNull(request);
        var clock = new SendClock(time, request.BackdateTo);
        var prepared = SendRequestValidator.Prepare(request, options.Value, clock.Now);

        var submissionId = PublicIds.New();
        var now = clock.Now;
        var content = new MessageContent { Mime = prepared.Bytes };
        var messages = prepared.Recipients.Select(recipient => (Recipient: recipient, PublicId: PublicIds.New())).Select(r => new Message
        {
            PublicId = r.PublicId,
            ReturnPathToken = returnPath.Enabled ? returnPath.TokenFor(r.PublicId) : null,
            SubmissionId = submissionId,
            Sender = prepared.From,
            Recipient = r.Recipient,
            RecipientDomain = SuppressionValue.DomainOf(r.Recipient),
            Subject = request.Subject ?? "",
            SizeBytes = prepared.Bytes.Length,
            MessageIdHeader = prepared.Mime.MessageId,
            Source = request.Source,
            SubmittedBy = request.Source is MessageSource.Demo or MessageSource.Relay ? null : actor.Name,
            CreatedAt = now,
            UpdatedAt = now,
            Status = MessageStatus.Queued,
            Content = content,
            ResendOfId = request.ResendOfId,
            Events =
            [
                new MessageEvent
                {
                    OccurredAt = now,
                    Type = MessageEventType.Queued,
                    Actor = actor.Name,
                    Detail = $"Submitted by {actor.Name} from {MessageSources.Describe(request.Source)}",
                },
            ],
        }).ToList();

        // Stored and committed before any SMTP traffic: a crash from here on leaves a record. Then,
        // in the same hold of the write gate, the suppression check moves each row on (a second commit).
        var outcomes = new ConcurrentDictionary<long, RecipientOutcome>();
        List<Message> toSend;
        using (await suppressions.WriteGate.EnterAsync(cancellationToken))
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            db.Messages.AddRange(messages);
            await db.SaveChangesAsync(cancellationToken);
            Publish(messages, now);
            toSend = await ClaimAsync(db, messages, clock, outcomes, cancellationToken);
        }
        Publish(messages, clock.Now);

        await DeliverAsync(toSend, prepared.Mime, clock, outcomes, cancellationToken);
        return new SendResult(submissionId, [.. messages.Select(m => outcomes[m.Id])]);
    }

    /// <summary>
    /// Sends stored messages that are still Queued (start-up recovery). Each submission's stored MIME
    /// is sent once more from the start; nothing that was already attempted is touched.
    /// </summary>
    internal async Task SendQueuedAsync(IReadOnlyList<long> messageIds, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Messages.AsNoTracking()
            .Where(m => messageIds.Contains(m.Id) && m.Status == MessageStatus.Queued)
            .Select(m => new { m.Id, m.ContentId })
            .ToListAsync(cancellationToken);
        foreach (var group in rows.GroupBy(r => r.ContentId))
        {
            var bytes = await db.MessageContents.AsNoTracking().Where(c => c.Id == group.Key).Select(c => c.Mime).FirstOrDefaultAsync(cancellationToken);
            if (bytes is null)
            {
                await InterruptAsync([.. group.Select(r => r.Id)], "its stored content is missing", new SendClock(time, null), cancellationToken);
                continue;
            }
            using var stream = new MemoryStream(bytes);
            var mime = await MimeMessage.LoadAsync(stream, cancellationToken);
            await DeliverAsync([.. group.Select(r => r.Id)], mime, new SendClock(time, null), cancellationToken);
        }
    }

    /// <summary>Claims stored Queued rows (Rejected or Sending), then sends the ones still to go.</summary>
    private async Task<Dictionary<long, RecipientOutcome>> DeliverAsync(
        IReadOnlyList<long> messageIds, MimeMessage mime, SendClock clock, CancellationToken cancellationToken)
    {
        var outcomes = new ConcurrentDictionary<long, RecipientOutcome>();
        List<Message> claimed, toSend;
        using (await suppressions.WriteGate.EnterAsync(cancellationToken))
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            // Only rows still Queued: a row claimed by a concurrent recovery is not sent twice.
            claimed = await db.Messages.Where(m => messageIds.Contains(m.Id) && m.Status == MessageStatus.Queued).ToListAsync(cancellationToken);
            toSend = await ClaimAsync(db, claimed, clock, outcomes, cancellationToken);
        }
        Publish(claimed, clock.Now);
        await DeliverAsync(toSend, mime, clock, outcomes, cancellationToken);
        return new Dictionary<long, RecipientOutcome>(outcomes);
    }

    private async Task DeliverAsync(
        List<Message> toSend, MimeMessage mime, SendClock clock, ConcurrentDictionary<long, RecipientOutcome> outcomes, CancellationToken cancellationToken)
    {
        if (toSend.Count == 0)
        {
            return;
        }
        // With a signed return path each recipient gets its own envelope (VERP): a bounce then names
        // its message. Without one, all recipients share one transaction.
        var envelopes = toSend.Where(m => m.ReturnPathToken is not null)
            .Select(m => (From: returnPath.AddressFor(m.ReturnPathToken!), Messages: new List<Message> { m }))
            .ToList();
        var plain = toSend.Where(m => m.ReturnPathToken is null).ToList();
        if (plain.Count > 0)
        {
            envelopes.Add((plain[0].Sender, plain));
        }
        if (envelopes.Count == 1)
        {
            await SendEnvelopeAsync(envelopes[0].From, envelopes[0].Messages, mime, clock, outcomes, cancellationToken);
        }
        else
        {
            // Envelopes go out in parallel, and a MimeMessage is not safe to write from two threads at
            // once (its parts share content streams): each envelope writes its own copy.
            using var source = new MemoryStream();
            await mime.WriteToAsync(source, cancellationToken);
            var bytes = source.ToArray();
            await Task.WhenAll(envelopes.Select(e => SendEnvelopeAsync(
                e.From, e.Messages, MimeMessage.Load(new MemoryStream(bytes, writable: false)), clock, outcomes, cancellationToken)));
        }

        // Anything the transport did not answer for has an unknown outcome: say so, never guess.
        var unanswered = toSend.Where(m => !outcomes.ContainsKey(m.Id)).Select(m => m.Id).ToList();
        if (unanswered.Count > 0 && !cancellationToken.IsCancellationRequested)
        {
            await InterruptAsync(unanswered, "no answer was recorded for it", clock, cancellationToken);
            await FillOutcomesAsync(unanswered, outcomes, cancellationToken);
        }
    }

    private async Task SendEnvelopeAsync(
        string envelopeFrom, List<Message> messages, MimeMessage mime, SendClock clock,
        ConcurrentDictionary<long, RecipientOutcome> outcomes, CancellationToken cancellationToken)
    {
        var byRecipient = messages.ToDictionary(m => m.Recipient, m => m.Id, StringComparer.OrdinalIgnoreCase);
        var envelope = new OutgoingMessage(mime, envelopeFrom, [.. messages.Select(m => m.Recipient)]);
        await _inFlight.WaitAsync(cancellationToken);
        try
        {
            await transport.SendAsync(envelope, replies => RecordAsync(replies, byRecipient, clock, outcomes, cancellationToken), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Sending {Count} message(s) failed unexpectedly", messages.Count);
        }
        finally
        {
            _inFlight.Release();
        }
    }

    /// <summary>Queued → Rejected (suppressed) or Sending, committed. Caller holds the write gate. Returns the ones to send.</summary>
    private async Task<List<Message>> ClaimAsync(
        DashboardDbContext db, List<Message> messages, SendClock clock, ConcurrentDictionary<long, RecipientOutcome> outcomes, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var active = await SuppressionService.FindActiveForAsync(db, [.. messages.Select(m => m.Recipient).Distinct()], now, cancellationToken);
        var toSend = new List<Message>();
        foreach (var message in messages)
        {
            message.UpdatedAt = now;
            if (active.TryGetValue(message.Recipient, out var suppression))
            {
                var why = SuppressionService.Describe(suppression);
                message.Status = MessageStatus.Rejected;
                message.Reason = Reasons.Suppressed;
                message.IsHard = null;
                message.LastResponse = $"Not sent: {why}";
                db.MessageEvents.Add(new MessageEvent
                {
                    MessageId = message.Id,
                    OccurredAt = now,
                    Type = MessageEventType.Rejected,
                    SuppressionId = suppression.Id,
                    Detail = $"Rejected before sending: {why}",
                    Advice = SuppressionReasons.For(suppression.Reason).Advice,
                });
                outcomes[message.Id] = new RecipientOutcome(message.PublicId, message.Recipient, MessageStatus.Rejected, null, null,
                    message.LastResponse, message.Reason, SuppressionReasons.For(suppression.Reason).Advice);
            }
            else
            {
                message.Status = MessageStatus.Sending;
                db.MessageEvents.Add(new MessageEvent
                {
                    MessageId = message.Id,
                    OccurredAt = now,
                    Type = MessageEventType.Sending,
                    Detail = $"Handed to {transport.Name}",
                });
                toSend.Add(message);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return toSend;
    }

    private async Task RecordAsync(
        IReadOnlyList<RecipientReply> replies, IReadOnlyDictionary<string, long> byRecipient, SendClock clock,
        ConcurrentDictionary<long, RecipientOutcome> outcomes, CancellationToken cancellationToken)
    {
        var changed = new List<Message>();
        using (await suppressions.WriteGate.EnterAsync(cancellationToken))
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var now = clock.Now;
            var ids = replies.Select(r => byRecipient.GetValueOrDefault(r.Recipient)).Where(id => id != 0).ToList();
            var messages = await db.Messages.Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
            foreach (var reply in replies)
            {
                if (!byRecipient.TryGetValue(reply.Recipient, out var id) || !messages.TryGetValue(id, out var message))
                {
                    logger.LogWarning("A reply for {Recipient} matches no message being sent", reply.Recipient);
                    continue;
                }
                var verdict = Classify(reply);
                message.Status = verdict.Outcome switch
                {
                    Outcome.Delivered => MessageStatus.Delivered,
                    Outcome.HardBounce => MessageStatus.HardBounced,
                    _ => MessageStatus.SoftBounced,
                };
                message.UpdatedAt = now;
                message.LastReplyCode = reply.ReplyCode;
                message.LastEnhancedStatus = reply.EnhancedStatus;
                message.LastResponse = reply.FullResponse;
                message.Reason = verdict.Reason;
                message.IsHard = verdict.Hard;
                message.DeliveredByRelay = verdict.Outcome == Outcome.Delivered && transport.IsRelay;
                var evt = new MessageEvent
                {
                    MessageId = message.Id,
                    OccurredAt = now,
                    Type = verdict.Outcome switch
                    {
                        Outcome.Delivered => MessageEventType.Delivered,
                        Outcome.HardBounce => MessageEventType.HardBounce,
                        _ => MessageEventType.SoftBounce,
                    },
                    ReplyCode = reply.ReplyCode,
                    EnhancedStatus = reply.EnhancedStatus,
                    Response = reply.FullResponse,
                    RemoteHost = reply.RemoteHost,
                    Reason = verdict.Reason,
                    IsHard = verdict.Hard,
                    Rule = verdict.Rule,
                    Evidence = verdict.Evidence,
                    Advice = verdict.Advice,
                    Detail = message.DeliveredByRelay ? "Accepted by the relay, which delivers it onwards; a later refusal comes back as a bounce message." : null,
                };
                // The rules act, not the sender: automatic suppressions are recorded as the system's.
                var suppression = await suppressions.ApplyResultAsync(db, message, verdict, now, Actor.System.Name, cancellationToken);
                if (suppression is not null)
                {
                    evt.Suppression = suppression;
                    evt.Detail = $"Suppressed: {SuppressionReasons.For(suppression.Reason).Words}, "
                        + (suppression.ExpiresAt is { } until ? string.Create(CultureInfo.InvariantCulture, $"until {until:yyyy-MM-dd HH:mm} UTC") : "until removed");
                }
                db.MessageEvents.Add(evt);
                outcomes[message.Id] = new RecipientOutcome(message.PublicId, message.Recipient, message.Status,
                    reply.ReplyCode, reply.EnhancedStatus, reply.FullResponse, verdict.Reason, verdict.Advice);
                changed.Add(message);
            }
            await suppressions.SaveAndAnnounceAsync(db, cancellationToken);
        }
        Publish(changed, clock.Now);
    }

    // A failure before any reply (refused, timed out, no such domain, greeting refused) has its own
    // entry; a reply is read with the command it answered (MAIL FROM refusals are about the sender).
    private static Verdict Classify(RecipientReply reply) => reply.Failure is { } failure
        ? ReplyClassifier.ClassifyConnectionFailure(failure, reply.ReplyCode, reply.Text)
        : ReplyClassifier.Classify(reply.ReplyCode, reply.EnhancedStatus, reply.Text, action: null, command: reply.Command);

    private async Task InterruptAsync(IReadOnlyList<long> messageIds, string why, SendClock clock, CancellationToken cancellationToken)
    {
        List<Message> messages;
        using (await suppressions.WriteGate.EnterAsync(cancellationToken))
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var now = clock.Now;
            messages = await db.Messages
                .Where(m => messageIds.Contains(m.Id) && (m.Status == MessageStatus.Sending || m.Status == MessageStatus.Queued))
                .ToListAsync(cancellationToken);
            foreach (var message in messages)
            {
                MarkInterrupted(db, message, now, $"Interrupted: {why}. The outcome is unknown, so it was not sent again; resend it if needed.");
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        Publish(messages, clock.Now);
    }

    internal static void MarkInterrupted(DashboardDbContext db, Message message, DateTimeOffset now, string detail)
    {
        message.Status = MessageStatus.Interrupted;
        message.UpdatedAt = now;
        message.LastResponse = detail;
        db.MessageEvents.Add(new MessageEvent
        {
            MessageId = message.Id,
            OccurredAt = now,
            Type = MessageEventType.Interrupted,
            Detail = detail,
            Actor = Actor.System.Name,
            Advice = "Check whether the recipient got it before resending.",
        });
    }

    private async Task FillOutcomesAsync(IReadOnlyList<long> ids, ConcurrentDictionary<long, RecipientOutcome> outcomes, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Messages.AsNoTracking().Where(m => ids.Contains(m.Id))
            .Select(m => new { m.Id, Outcome = new RecipientOutcome(m.PublicId, m.Recipient, m.Status, m.LastReplyCode, m.LastEnhancedStatus, m.LastResponse, m.Reason, null) })
            .ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            outcomes[row.Id] = row.Outcome;
        }
    }

    private void Publish(IEnumerable<Message> messages, DateTimeOffset at) =>
        feed.Publish([.. messages.Select(m => new MessageChange(m.Id, m.PublicId, m.Status, at))]);
}
