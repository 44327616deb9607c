using System.Globalization;
using Dashboard.Core.Bounces;
using Dashboard.Core.Classification;
using Dashboard.Core.Data;
using Dashboard.Core.Sending;
using Dashboard.Core.Suppressions;
using Dashboard.Core.Users;

namespace Dashboard.Core.Messages;

/// <summary>
/// One unit of work of <see cref="MessageLedger.WriteAsync{T}"/>: the context to read and change
/// messages with, and the transitions that also apply the suppression rules. Valid only inside the
/// work it was given to.
/// </summary>
public sealed class LedgerTransaction
{
    private readonly SuppressionService _suppressions;

    internal LedgerTransaction(DashboardDbContext db, SuppressionService suppressions, CancellationToken cancellationToken)
    {
        Db = db;
        _suppressions = suppressions;
        CancellationToken = cancellationToken;
    }

    /// <summary>The unit of work's context: load messages to change from it (tracked), add new ones to it.</summary>
    public DashboardDbContext Db { get; }

    /// <summary>The caller's cancellation token.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>
    /// Queued → Rejected for every message whose recipient (or its domain) is suppressed now; the
    /// others stay Queued. Returns the rejected ones.
    /// </summary>
    public async Task<IReadOnlyList<Message>> RejectSuppressedAsync(IReadOnlyList<Message> queued, DateTimeOffset now)
    {
        var active = await SuppressionService.FindActiveForAsync(Db, [.. queued.Select(m => m.Recipient).Distinct()], now, CancellationToken, _suppressions.ErasedForm);
        var rejected = new List<Message>();
        foreach (var message in queued)
        {
            if (active.TryGetValue(message.Recipient, out var suppression))
            {
                message.Reject(suppression.Id, SuppressionService.Describe(suppression), SuppressionReasons.For(suppression.Reason).Advice, now);
                rejected.Add(message);
            }
        }
        return rejected;
    }

    /// <summary>
    /// Sending → Delivered/SoftBounced/HardBounced from the server's answer, classified, and the
    /// suppression rules applied (a hard bounce suppresses, soft bounces feed the streak, a delivery
    /// resets it). Returns the event, carrying the suppression it caused, if any.
    /// </summary>
    public async Task<MessageEvent> RecordReplyAsync(Message message, RecipientReply reply, bool viaRelay, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(reply);
        var verdict = Classify(reply);
        var evt = message.RecordReply(reply, verdict, viaRelay, now);
        // The rules act, not the sender: automatic suppressions are recorded as the system's.
        var suppression = await _suppressions.ApplyResultAsync(Db, message, verdict, now, Actor.System.Name, CancellationToken);
        if (suppression is not null)
        {
            evt.Suppression = suppression;
            evt.Detail = $"Suppressed: {SuppressionReasons.For(suppression.Reason).Words}, "
                + (suppression.ExpiresAt is { } until ? string.Create(CultureInfo.InvariantCulture, $"until {until:yyyy-MM-dd HH:mm} UTC") : "until removed");
        }
        return evt;
    }

    /// <summary>
    /// A verified report that arrived later (see <see cref="Message.RecordReport"/>), with the
    /// suppression rules applied to it: a hard bounce suppresses, a soft one feeds the streak, a
    /// complaint suppresses until an admin removes it. Returns the event.
    /// </summary>
    public async Task<MessageEvent> RecordReportAsync(Message message, BounceReport report, string source, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(report);
        var evt = message.RecordReport(report, source, now);
        if (evt.Type != MessageEventType.BouncedAfterDelivery)
        {
            // A bounce after delivery (a failed forward) suppresses no one: the recipient must fix it.
            evt.Suppression = await _suppressions.ApplyReportAsync(Db, message, report, now, Actor.System.Name, CancellationToken);
        }
        return evt;
    }

    // A failure before any reply (refused, timed out, no such domain, greeting refused) has its own
    // entry; a reply is read with the step of the session it answered (MAIL FROM refusals are about the sender).
    private static Verdict Classify(RecipientReply reply) => reply.Failure is { } failure
        ? ReplyClassifier.ClassifyConnectionFailure(failure, reply.ReplyCode, reply.Text)
        : ReplyClassifier.Classify(reply.ReplyCode, reply.EnhancedStatus, reply.Text, action: null, reply.Phase);
}
