using System.Collections.Concurrent;
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
/// The sending pipeline: validates, stores every recipient's own copy as Queued (committed before
/// any SMTP traffic), rejects suppressed recipients, then sends each copy in its own SMTP transaction
/// through the configured transport, marking it Sending only as its envelope goes out, classifies each
/// answer as it comes and applies the suppression rules. No retries: a bounce is final.
/// </summary>
public sealed class SendService(
    IDbContextFactory<DashboardDbContext> dbFactory,
    IMailTransport transport,
    MessageLedger ledger,
    TimeProvider time,
    IOptions<SendingOptions> options,
    ReturnPathSigner returnPath,
    SendingInstance instance,
    ILogger<SendService> logger,
    Unsubscribe.UnsubscribeSigner? unsubscribe = null,
    Domains.DkimSigning? dkim = null)
{
    private readonly SemaphoreSlim _inFlight = new(options.Value.Concurrency, options.Value.Concurrency);
    private int _waitingForSlot;
    private LedgerBatch<(long Id, Message? Row, DateTimeOffset Now), bool>? _claims;
    private LedgerBatch<(Envelope Envelope, IReadOnlyList<RecipientReply> Replies, DateTimeOffset Now), RecipientOutcome?>? _replies;

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
        // Public ids first: each copy's List-Unsubscribe link is signed for its own message.
        var publicIds = prepared.Mime.To.Mailboxes.Select(_ => PublicIds.New()).ToList();
        var oneClick = unsubscribe is { Enabled: true } && request.Source is not MessageSource.Relay;
        var (body, copies) = RecipientCopies.Make(prepared, oneClick ? i => unsubscribe!.HeadersFor(publicIds[i]) : null);
        // Each copy signed on its own (its To and Message-ID differ) before it is stored: what is stored is what is sent.
        var signatures = new Domains.DkimSignature?[copies.Count];
        for (var i = 0; dkim is not null && i < copies.Count; i++)
        {
            var signing = await dkim.SignAsync(RecipientCopies.Join(copies[i].Headers, body), cancellationToken);
            if (options.Value.RequireVerifiedDomain && !signing.Sender.IsVerified)
            {
                throw new SendValidationException(SendField.From, signing.Sender.Warning!);
            }
            signatures[i] = signing.Signature;
        }

        var submissionId = PublicIds.New();
        var now = clock.Now;
        var content = new MessageContent { Mime = body };
        var messages = copies.Select((copy, index) =>
        {
            var publicId = publicIds[index];
            var headers = signatures[index]?.Prepend(copy.Headers) ?? copy.Headers;
            var message = new Message
            {
                PublicId = publicId,
                ReturnPathToken = returnPath.Enabled ? returnPath.TokenFor(publicId) : null,
                SubmissionId = submissionId,
                Sender = prepared.From,
                DkimDomain = signatures[index]?.Domain,
                DkimSelector = signatures[index]?.Selector,
                Recipient = copy.Recipient,
                RecipientDomain = SuppressionValue.DomainOf(copy.Recipient),
                Subject = request.Subject ?? "",
                SizeBytes = headers.Length + body.Length,
                MessageIdHeader = copy.MessageId,
                Source = request.Source,
                SubmittedBy = request.Source is MessageSource.Demo or MessageSource.Relay ? null : actor.Name,
                CreatedAt = now,
                Content = content,
                Headers = headers,
                ResendOfId = request.ResendOfId,
                Tags = Submissions.Tags.Join(request.Tags),
            };
            message.Queue(actor.Name, $"Submitted by {actor.Name} from {MessageSources.Describe(request.Source)}", now, instance.Id);
            return message;
        }).ToList();

        // Stored and committed before any SMTP traffic: a crash from here on leaves a record. Then,
        // in the same hold of the write gate, suppressed recipients are rejected (a second commit).
        var outcomes = new ConcurrentDictionary<long, RecipientOutcome>();
        await ledger.WriteAsync(async tx =>
        {
            tx.Db.Messages.AddRange(messages);
            await tx.Db.SaveChangesAsync(tx.CancellationToken);
            foreach (var rejected in await tx.RejectSuppressedAsync(messages, clock.Now))
            {
                outcomes[rejected.Id] = Outcome(rejected, advice: rejected.Events[^1].Advice);
            }
        }, cancellationToken);

        var toSend = messages.Where(m => m.Status == MessageStatus.Queued)
            .Select(m => new Envelope(m.Id, m.Recipient, EnvelopeFrom(m), m.Headers, body))
            .ToList();
        await DeliverAsync(toSend, clock, outcomes, cancellationToken);
        return new SendResult(submissionId, [.. messages.Select(m => outcomes[m.Id])]);
    }

    /// <summary>
    /// Sends stored messages that are still Queued and this instance's (submitted here, or taken over
    /// from an instance that stopped): suppressed recipients are rejected, the others sent from their
    /// stored copy; nothing that was already attempted is touched.
    /// </summary>
    internal async Task SendQueuedAsync(IReadOnlyList<long> messageIds, CancellationToken cancellationToken)
    {
        var clock = new SendClock(time, null);
        var outcomes = new ConcurrentDictionary<long, RecipientOutcome>();
        var queued = await ledger.WriteAsync(async tx =>
        {
            var rows = await tx.Db.Messages.Where(m => messageIds.Contains(m.Id) && m.Status == MessageStatus.Queued && (m.ClaimedBy == instance.Id || m.ClaimedBy == null))
                .ToListAsync(tx.CancellationToken);
            var rejected = await tx.RejectSuppressedAsync(rows, clock.Now);
            return rows.Except(rejected).Select(m => (m.Id, m.Recipient, From: EnvelopeFrom(m), m.Headers, m.ContentId)).ToList();
        }, cancellationToken);

        var envelopes = new List<Envelope>();
        var missing = new List<long>();
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            foreach (var group in queued.GroupBy(m => m.ContentId))
            {
                var body = group.Key is null ? null
                    : await db.MessageContents.AsNoTracking().Where(c => c.Id == group.Key).Select(c => c.Mime).FirstOrDefaultAsync(cancellationToken);
                if (body is null)
                {
                    missing.AddRange(group.Select(m => m.Id));
                    continue;
                }
                envelopes.AddRange(group.Select(m => new Envelope(m.Id, m.Recipient, m.From, m.Headers, body)));
            }
        }
        if (missing.Count > 0)
        {
            await InterruptAsync(missing, "its stored content is missing", clock, cancellationToken);
        }
        await DeliverAsync(envelopes, clock, outcomes, cancellationToken);
    }

    /// <summary>
    /// Sends messages <see cref="Submissions.SubmissionService"/> has just stored as Queued (suppressed
    /// recipients already rejected in the same commit): their rows and content are in hand, so nothing
    /// is read again. Each is claimed as it goes out, as everywhere; one that is not Queued and this
    /// instance's any more (taken over by a recovery) is left alone.
    /// </summary>
    internal Task SendStoredAsync(IReadOnlyList<Message> messages, CancellationToken cancellationToken)
    {
        var envelopes = messages.Select(m =>
        {
            var body = m.Content?.Mime ?? throw new InvalidOperationException($"Message {m.Id} was handed over without its content.");
            // The row is claimed as it is in hand (not read again); its content goes out from the
            // envelope, so the row is claimed without it (the content is never written again).
            m.Content = null;
            return new Envelope(m.Id, m.Recipient, EnvelopeFrom(m), m.Headers, body, m);
        }).ToList();
        return DeliverAsync(envelopes, new SendClock(time, null), new ConcurrentDictionary<long, RecipientOutcome>(), cancellationToken);
    }

    // With a signed return path the envelope sender names the message (VERP): a bounce then finds it.
    private string EnvelopeFrom(Message message) =>
        message.ReturnPathToken is { } token ? returnPath.AddressFor(token) : message.Sender;

    private async Task DeliverAsync(
        List<Envelope> envelopes, SendClock clock, ConcurrentDictionary<long, RecipientOutcome> outcomes, CancellationToken cancellationToken)
    {
        if (envelopes.Count == 0)
        {
            return;
        }
        // One transaction per recipient: each copy has its own headers (and, when signed, return path).
        await Task.WhenAll(envelopes.Select(e => SendEnvelopeAsync(e, clock, outcomes, cancellationToken)));

        // Anything the transport did not answer for has an unknown outcome: say so, never guess.
        // A copy never handed over (cancelled while waiting) stays Queued and goes out after a restart.
        var unanswered = envelopes.Where(e => !outcomes.ContainsKey(e.MessageId)).Select(e => e.MessageId).ToList();
        if (unanswered.Count > 0 && !cancellationToken.IsCancellationRequested)
        {
            await InterruptAsync(unanswered, "no answer was recorded for it", clock, cancellationToken);
            await FillOutcomesAsync(unanswered, outcomes, cancellationToken);
        }
    }

    private async Task SendEnvelopeAsync(
        Envelope envelope, SendClock clock, ConcurrentDictionary<long, RecipientOutcome> outcomes, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waitingForSlot);
        try
        {
            await _inFlight.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waitingForSlot);
        }
        try
        {
            // Sending only now, as the envelope goes to the server: a crash before this leaves it
            // Queued (sent after a restart), after it Interrupted (it may have been accepted).
            if (!await ClaimAsync(envelope, clock, cancellationToken))
            {
                // Taken by a concurrent recovery or another instance, or no longer Queued: not sent twice.
                await FillOutcomesAsync([envelope.MessageId], outcomes, cancellationToken);
                return;
            }
            using var mime = await MimeMessage.LoadAsync(new MemoryStream(RecipientCopies.Join(envelope.Headers, envelope.Body), writable: false), cancellationToken);
            var outgoing = new OutgoingMessage(mime, envelope.From, [envelope.Recipient]);
            await transport.SendAsync(outgoing, replies => RecordAsync(envelope, replies, clock, outcomes, cancellationToken), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Sending message {Id} failed unexpectedly", envelope.MessageId);
        }
        finally
        {
            _inFlight.Release();
        }
    }

    // Queued → Sending, saved only if nobody changed the row since it was read: of two instances (or
    // two recoveries) reaching for one message, exactly one gets it. Claims share the ledger's rounds
    // with the answers and the stores waiting at the same time (one unit of work, one commit).
    private Task<bool> ClaimAsync(Envelope envelope, SendClock clock, CancellationToken cancellationToken) =>
        ledger.InRoundAsync(Claims, (envelope.MessageId, envelope.Row, clock.Now), cancellationToken, Patience);

    // A claim or an answer waits a little for a round to ride in (usually the next store's), but only
    // while no envelope waits for a sending slot: a slot held while waiting would then slow delivery.
    private TimeSpan Patience => Volatile.Read(ref _waitingForSlot) > 0 ? TimeSpan.Zero : RoundOrder.Patience;

    // In a unit of its own, a claim whose message another instance changed first is simply not claimed.
    private LedgerBatch<(long Id, Message? Row, DateTimeOffset Now), bool> Claims =>
        _claims ?? Interlocked.CompareExchange(ref _claims, new(RoundOrder.Claim, ClaimBatchAsync, ex => ex is DbUpdateConcurrencyException, false), null) ?? _claims;

    private async Task<IReadOnlyList<bool>> ClaimBatchAsync(LedgerTransaction tx, IReadOnlyList<(long Id, Message? Row, DateTimeOffset Now)> claims)
    {
        var messages = await RowsAsync(tx, [.. claims.Select(c => (c.Id, c.Row))], MessageStatus.Queued, ids => tx.Db.Messages
            .Where(m => ids.Contains(m.Id) && m.Status == MessageStatus.Queued && (m.ClaimedBy == instance.Id || m.ClaimedBy == null)));
        var claimed = new List<bool>(claims.Count);
        foreach (var (id, _, now) in claims)
        {
            // The same message twice in one batch (two recoveries at once): only the first gets it.
            var message = messages.GetValueOrDefault(id);
            claimed.Add(message is { Status: MessageStatus.Queued });
            message?.StartSending(transport.Name, now, instance.Id);
        }
        return claimed;
    }

    private async Task RecordAsync(
        Envelope envelope, IReadOnlyList<RecipientReply> replies, SendClock clock,
        ConcurrentDictionary<long, RecipientOutcome> outcomes, CancellationToken cancellationToken)
    {
        if (await ledger.InRoundAsync(Replies, (envelope, replies, clock.Now), cancellationToken, Patience) is { } outcome)
        {
            outcomes[envelope.MessageId] = outcome;
        }
    }

    private LedgerBatch<(Envelope Envelope, IReadOnlyList<RecipientReply> Replies, DateTimeOffset Now), RecipientOutcome?> Replies =>
        _replies ?? Interlocked.CompareExchange(ref _replies, new(RoundOrder.Answer, RecordBatchAsync, ex => ex is DbUpdateConcurrencyException, null), null) ?? _replies;

    private async Task<IReadOnlyList<RecipientOutcome?>> RecordBatchAsync(
        LedgerTransaction tx, IReadOnlyList<(Envelope Envelope, IReadOnlyList<RecipientReply> Replies, DateTimeOffset Now)> answers)
    {
        var messages = await RowsAsync(tx, [.. answers.Select(a => (a.Envelope.MessageId, a.Envelope.Row))], MessageStatus.Sending,
            ids => tx.Db.Messages.Where(m => ids.Contains(m.Id)));
        var results = new List<RecipientOutcome?>(answers.Count);
        foreach (var (envelope, replies, now) in answers)
        {
            var reply = replies.FirstOrDefault(r => string.Equals(r.Recipient, envelope.Recipient, StringComparison.OrdinalIgnoreCase));
            if (reply is null || messages.GetValueOrDefault(envelope.MessageId) is not { Status: MessageStatus.Sending } message)
            {
                logger.LogWarning("A reply for {Recipients} matches no message being sent", string.Join(", ", replies.Select(r => r.Recipient)));
                results.Add(null);
                continue;
            }
            var evt = await tx.RecordReplyAsync(message, reply, transport.IsRelay, now);
            results.Add(Outcome(message, evt.Advice));
        }
        return results;
    }

    // The rows a batch changes. Rows stored here are in hand, as they were last saved (by their store,
    // then by their claim): they are attached, not read again, and their status and claimant (the
    // concurrency tokens) are checked by the save itself, so a row another instance or a recovery
    // changed meanwhile fails the save as a row read here would. A row in hand that is not in the
    // state the batch expects, or that a failed round changed without saving, is read with `read`.
    private async Task<Dictionary<long, Message>> RowsAsync(
        LedgerTransaction tx, IReadOnlyList<(long Id, Message? Row)> wanted, MessageStatus expected, Func<List<long>, IQueryable<Message>> read)
    {
        var inHand = new Dictionary<long, Message>();
        foreach (var (id, row) in wanted)
        {
            if (row is not null && row.Status == expected && (row.ClaimedBy == instance.Id || row.ClaimedBy == null) && row.Events.All(e => e.Id != 0))
            {
                inHand.TryAdd(id, row);
            }
        }
        var ids = wanted.Select(w => w.Id).Where(id => !inHand.ContainsKey(id)).Distinct().ToList();
        var rows = ids.Count == 0 ? [] : await read(ids).ToDictionaryAsync(m => m.Id, tx.CancellationToken);
        foreach (var (id, row) in inHand)
        {
            rows[id] = tx.Db.Messages.Local.FindEntry(id)?.Entity ?? tx.Db.Messages.Attach(row).Entity;
        }
        return rows;
    }

    private Task InterruptAsync(IReadOnlyList<long> messageIds, string why, SendClock clock, CancellationToken cancellationToken) =>
        ledger.WriteAsync(async tx =>
        {
            var messages = await tx.Db.Messages
                .Where(m => messageIds.Contains(m.Id) && (m.Status == MessageStatus.Sending || m.Status == MessageStatus.Queued))
                .ToListAsync(tx.CancellationToken);
            foreach (var message in messages)
            {
                message.Interrupt($"Interrupted: {why}. The outcome is unknown, so it was not sent again; resend it if needed.", clock.Now);
            }
        }, cancellationToken);

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

    private static RecipientOutcome Outcome(Message message, string? advice) =>
        new(message.PublicId, message.Recipient, message.Status, message.LastReplyCode, message.LastEnhancedStatus,
            message.LastResponse, message.Reason, advice);

    /// <summary>
    /// One recipient's copy on its way: the row's id, the addresses, its headers and the shared body,
    /// and the row itself when it is in hand as it was stored (it is then claimed without being read again).
    /// </summary>
    private sealed record Envelope(long MessageId, string Recipient, string From, byte[]? Headers, byte[] Body, Message? Row = null);
}
