using System.Threading.Channels;
using Dashboard.Core.Integrations;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Dashboard.Core.Suppressions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Submissions;

/// <summary>
/// Where the relay and the API hand in messages. <see cref="SubmitAsync"/> returns only once every
/// recipient's row, its Queued event and the content are committed (one transaction: all or nothing),
/// so "250"/"202" is a promise a crash cannot break; delivery then runs in the background through
/// <see cref="SendService"/>, and whatever a crash leaves Queued is sent at the next start.
/// Submissions arriving together are committed together (one transaction, one fsync), which is what
/// lets many relay sessions share SQLite's single writer.
/// </summary>
public sealed class SubmissionService(
    SendService sendService,
    MessageLedger ledger,
    ReturnPathSigner returnPath,
    TimeProvider time,
    Microsoft.Extensions.Options.IOptions<SendingOptions> sendingOptions,
    Domains.DkimSigning dkim,
    SendingInstance instance,
    ILogger<SubmissionService> logger) : BackgroundService
{
    private const int MaxSendBatch = 200;

    private readonly Channel<Message[]> _toSend = Channel.CreateUnbounded<Message[]>();
    private LedgerBatch<Pending, Stored>? _store;

    /// <summary>Stores the submission durably and queues it for sending.</summary>
    /// <param name="submission">The message.</param>
    /// <param name="idempotency">An API idempotency record to commit with it (its answer filled in from the result).</param>
    /// <param name="cancellationToken">Stops waiting: nothing is stored if it was not yet in a batch, else the batch finishes.</param>
    /// <exception cref="SubmissionNotStoredException">Nothing was stored.</exception>
    /// <exception cref="Domains.UnverifiedSenderException"><c>Sending:RequireVerifiedDomain</c> is set and the From domain is not verified; nothing was stored.</exception>
    public async Task<IReadOnlyList<SubmittedRecipient>> SubmitAsync(
        Submission submission, Func<IReadOnlyList<SubmittedRecipient>, IdempotencyRecord>? idempotency = null, CancellationToken cancellationToken = default)
    {
        // Signed here, on the caller's thread, not under the single writer: our signature goes on top of
        // the client's bytes, which stay as they came, and what is stored is what is sent.
        var signing = await dkim.SignAsync(submission.Mime, cancellationToken);
        if (sendingOptions.Value.RequireVerifiedDomain && !signing.Sender.IsVerified)
        {
            throw new Domains.UnverifiedSenderException(signing.Sender);
        }
        if (signing.Signature is { } signature)
        {
            submission = submission with { Mime = signature.Prepend(submission.Mime) };
        }
        var pending = new Pending(submission, idempotency, signing.Signature);
        Stored stored;
        try
        {
            stored = await ledger.InRoundAsync(Store, pending, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Storing a {Source} submission from {Who} failed; it was refused", submission.Source, submission.SubmittedBy);
            throw new SubmissionNotStoredException(ex);
        }
        // Committed: to the senders, straight from what was stored (suppressed recipients were rejected in the same commit).
        var toSend = stored.Messages.Where(m => m.Status == MessageStatus.Queued).ToArray();
        if (toSend.Length > 0)
        {
            _toSend.Writer.TryWrite(toSend);
        }
        return stored.Answer;
    }

    // Submissions are stored in the ledger's rounds: those arriving together, with the claims and
    // answers waiting then, in one unit of work (a failed round runs again item by item, so one bad
    // submission fails only itself). A round runs to its end once started: a client hanging up must
    // not cancel the commit of its neighbours' mail.
    private LedgerBatch<Pending, Stored> Store =>
        _store ?? Interlocked.CompareExchange(ref _store, new(RoundOrder.Store, StoreAsync), null) ?? _store;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var senders = Enumerable.Range(0, sendingOptions.Value.Concurrency).Select(_ => SendLoopAsync(stoppingToken)).ToList();
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: what is stored and not yet sent stays Queued and is sent at the next start.
        }
        _toSend.Writer.TryComplete();
        await Task.WhenAll(senders);
    }

    private async Task<IReadOnlyList<Stored>> StoreAsync(LedgerTransaction tx, IReadOnlyList<Pending> batch)
    {
        var now = time.GetUtcNow();
        // In one unit of work of the ledger: the rows, their Queued events, the content, the rejection
        // of suppressed recipients and any idempotency record commit together or not at all.
        var stored = new List<List<Message>>(batch.Count);
        foreach (var pending in batch)
        {
            var s = pending.Submission;
            var content = new MessageContent { Mime = s.Mime };
            var submissionId = PublicIds.New();
            var messages = new List<Message>(s.Recipients.Count);
            foreach (var recipient in s.Recipients)
            {
                var publicId = PublicIds.New();
                var message = new Message
                {
                    PublicId = publicId,
                    ReturnPathToken = returnPath.Enabled ? returnPath.TokenFor(publicId) : null,
                    SubmissionId = submissionId,
                    Sender = s.EnvelopeFrom,
                    DkimDomain = pending.Signature?.Domain,
                    DkimSelector = pending.Signature?.Selector,
                    Recipient = recipient,
                    RecipientDomain = SuppressionValue.DomainOf(recipient),
                    Subject = s.Subject,
                    SizeBytes = s.Mime.Length,
                    MessageIdHeader = s.MessageIdHeader,
                    Source = s.Source,
                    SubmittedBy = s.SubmittedBy,
                    Tags = Tags.Join(s.Tags),
                    CreatedAt = now,
                    // No per-recipient header block: the client's bytes go out as they came.
                    Content = content,
                };
                message.Queue(s.SubmittedBy, s.Source == MessageSource.Relay
                    ? $"Received by the SMTP relay from the credential \"{s.SubmittedBy}\""
                    : $"Received by the API from the key \"{s.SubmittedBy}\"", now, instance.Id);
                messages.Add(message);
            }
            tx.Db.Messages.AddRange(messages);
            stored.Add(messages);
        }
        var rejected = (await tx.RejectSuppressedAsync([.. stored.SelectMany(m => m)], now)).ToHashSet();
        var results = stored.Select(messages => new Stored([.. messages.Select(m => rejected.Contains(m)
            ? new SubmittedRecipient(m.PublicId, m.Recipient, MessageStatus.Rejected, m.LastResponse)
            : new SubmittedRecipient(m.PublicId, m.Recipient, MessageStatus.Queued, null))], messages)).ToList();
        foreach (var (pending, result) in batch.Zip(results))
        {
            if (pending.Idempotency is { } makeRecord)
            {
                tx.Db.IdempotencyRecords.Add(makeRecord(result.Answer));
            }
        }
        return results;
    }

    private async Task SendLoopAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var batch = new List<Message>(MaxSendBatch);
        while (await _toSend.Reader.WaitToReadAsync(CancellationToken.None))
        {
            // Whatever has been stored meanwhile goes out together, straight from what was stored.
            batch.Clear();
            while (batch.Count < MaxSendBatch && _toSend.Reader.TryRead(out var more))
            {
                batch.AddRange(more);
            }
            if (batch.Count == 0 || stoppingToken.IsCancellationRequested)
            {
                continue; // still Queued: sent at the next start
            }
            try
            {
                await sendService.SendStoredAsync([.. batch], stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Sending {Count} submitted message(s) failed", batch.Count);
            }
        }
    }

    /// <summary>A stored submission: the answer for its caller, and its rows for the senders.</summary>
    private sealed record Stored(IReadOnlyList<SubmittedRecipient> Answer, IReadOnlyList<Message> Messages);

    private sealed record Pending(Submission Submission, Func<IReadOnlyList<SubmittedRecipient>, IdempotencyRecord>? Idempotency, Domains.DkimSignature? Signature);
}
