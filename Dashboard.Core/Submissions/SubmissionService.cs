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
    private const int MaxBatch = 64;
    private const int MaxSendBatch = 200;

    private readonly Channel<Pending> _toStore = Channel.CreateUnbounded<Pending>(new() { SingleReader = true });
    private readonly Channel<Message[]> _toSend = Channel.CreateUnbounded<Message[]>();

    /// <summary>Stores the submission durably and queues it for sending.</summary>
    /// <param name="submission">The message.</param>
    /// <param name="idempotency">An API idempotency record to commit with it (its answer filled in from the result).</param>
    /// <param name="cancellationToken">Stops waiting; the submission may still be stored.</param>
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
        await _toStore.Writer.WriteAsync(pending, cancellationToken);
        return await pending.Done.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var senders = Enumerable.Range(0, sendingOptions.Value.Concurrency).Select(_ => SendLoopAsync(stoppingToken)).ToList();
        var batch = new List<Pending>(MaxBatch);
        try
        {
            while (await _toStore.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _toStore.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }
                await StoreBatchAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what was not committed was not answered 250, so the clients keep it.
        }
        _toStore.Writer.TryComplete();
        while (_toStore.Reader.TryRead(out var left))
        {
            left.Done.TrySetException(new SubmissionNotStoredException(new OperationCanceledException("The dashboard is stopping.")));
        }
        _toSend.Writer.TryComplete();
        await Task.WhenAll(senders);
    }

    private async Task StoreBatchAsync(List<Pending> batch, CancellationToken cancellationToken)
    {
        try
        {
            await StoreAsync(batch, cancellationToken);
        }
        catch (Exception ex) when (batch.Count > 1 && ex is not OperationCanceledException)
        {
            // One bad submission must not fail the others: store each on its own.
            foreach (var one in batch)
            {
                try
                {
                    await StoreAsync([one], cancellationToken);
                }
                catch (Exception single) when (single is not OperationCanceledException)
                {
                    Fail(one, single);
                }
            }
        }
        catch (Exception ex)
        {
            foreach (var one in batch)
            {
                Fail(one, ex);
            }
        }
    }

    private void Fail(Pending pending, Exception ex)
    {
        logger.LogError(ex, "Storing a {Source} submission from {Who} failed; it was refused", pending.Submission.Source, pending.Submission.SubmittedBy);
        pending.Done.TrySetException(new SubmissionNotStoredException(ex));
    }

    private async Task StoreAsync(IReadOnlyList<Pending> batch, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // One unit of work of the ledger: the rows, their Queued events, the content, the rejection
        // of suppressed recipients and any idempotency record commit together or not at all.
        var results = await ledger.WriteAsync(async tx =>
        {
            var stored = new List<(Pending Pending, List<Message> Messages)>(batch.Count);
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
                stored.Add((pending, messages));
            }
            var rejected = (await tx.RejectSuppressedAsync([.. stored.SelectMany(x => x.Messages)], now)).ToHashSet();
            var answers = stored.Select(x => (x.Pending, x.Messages, Answer: (IReadOnlyList<SubmittedRecipient>)[.. x.Messages.Select(m => rejected.Contains(m)
                ? new SubmittedRecipient(m.PublicId, m.Recipient, MessageStatus.Rejected, m.LastResponse)
                : new SubmittedRecipient(m.PublicId, m.Recipient, MessageStatus.Queued, null))])).ToList();
            foreach (var (pending, _, answer) in answers)
            {
                if (pending.Idempotency is { } makeRecord)
                {
                    tx.Db.IdempotencyRecords.Add(makeRecord(answer));
                }
            }
            return answers;
        }, cancellationToken);

        foreach (var (pending, messages, answer) in results)
        {
            pending.Done.TrySetResult(answer);
            var toSend = messages.Where(m => m.Status == MessageStatus.Queued).ToArray();
            if (toSend.Length > 0)
            {
                _toSend.Writer.TryWrite(toSend);
            }
        }
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

    private sealed record Pending(Submission Submission, Func<IReadOnlyList<SubmittedRecipient>, IdempotencyRecord>? Idempotency, Domains.DkimSignature? Signature)
    {
        public TaskCompletionSource<IReadOnlyList<SubmittedRecipient>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
