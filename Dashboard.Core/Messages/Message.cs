using Dashboard.Core.Bounces;
using Dashboard.Core.Classification;
using Dashboard.Core.Sending;

namespace Dashboard.Core.Messages;

/// <summary>
/// One recipient of one submitted message, as a row of the activity report. Its state (status, the
/// <c>Last*</c> fields, the timeline) changes only through the transition methods below, each of
/// which checks the current status, adds its <see cref="MessageEvent"/> and returns it; a transition
/// that is not allowed from the current status throws <see cref="InvalidOperationException"/>.
/// Writers run them inside <see cref="MessageLedger.WriteAsync{T}"/>, which saves and announces them.
/// </summary>
/// <remarks>
/// The life of a message: Queued → Rejected (suppressed, never sent) or Queued → Sending (its envelope
/// went to a server) → Delivered / SoftBounced / HardBounced (the server's answer); Queued or Sending →
/// Interrupted (the outcome is unknown). Reports that arrive later (bounces, complaints) move a message
/// that was sent on to HardBounced, SoftBounced or Complained.
/// </remarks>
public sealed class Message
{
    public long Id { get; set; }

    /// <summary>Opaque id shown in URLs and the API (never the database key).</summary>
    public required string PublicId { get; set; }

    /// <summary>Shared by all recipients of one submission.</summary>
    public required string SubmissionId { get; set; }

    public required string Sender { get; set; }

    /// <summary>Recipient address, normalised to lower case.</summary>
    public required string Recipient { get; set; }

    public required string RecipientDomain { get; set; }

    /// <summary>
    /// The mailbox provider the domain belongs to (<see cref="Reporting.MailboxProviders"/>), worked
    /// out from <see cref="RecipientDomain"/> when first read, so every way a message is created
    /// stores it; reports group and filter by it.
    /// </summary>
    public string RecipientProvider
    {
        get => _recipientProvider ??= Reporting.MailboxProviders.Of(RecipientDomain);
        set => _recipientProvider = value;
    }

    private string? _recipientProvider;

    public string Subject { get; set; } = "";

    /// <summary>Size of the MIME message in bytes.</summary>
    public int SizeBytes { get; set; }

    /// <summary>The Message-ID header, without angle brackets.</summary>
    public string? MessageIdHeader { get; set; }

    /// <summary>The signed token carried in the return path (MAIL FROM), for matching bounces.</summary>
    public string? ReturnPathToken { get; set; }

    public MessageSource Source { get; set; }

    /// <summary>The signed-in user, SMTP credential or API key name that submitted it; null for demo.</summary>
    public string? SubmittedBy { get; set; }

    /// <summary>Up to 3 labels from the X-Tag header or the API's tags, comma-separated; null: none.</summary>
    public string? Tags { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Where it stands now. Changed only by the transition methods.</summary>
    public MessageStatus Status { get; private set; }

    /// <summary>When the status last changed.</summary>
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>A delivery was later followed by a hard bounce from a further hop (forwarding).</summary>
    public bool BouncedAfterDelivery { get; private set; }

    /// <summary>
    /// "Delivered" means a relay (smarthost) took it, not the recipient's own server; a later bounce
    /// is then the relay reporting the destination's refusal, not a forwarding failure.
    /// </summary>
    public bool DeliveredByRelay { get; private set; }

    // The latest classification, copied from the event that set it so lists need no join.
    public int? LastReplyCode { get; private set; }
    public string? LastEnhancedStatus { get; private set; }
    public string? LastResponse { get; private set; }
    public string? Reason { get; private set; }
    public bool? IsHard { get; private set; }

    /// <summary>
    /// The stored MIME this recipient received: <see cref="Headers"/> followed by the content's bytes
    /// (shared by the submission's recipients). Without <see cref="Headers"/> the content is the whole message.
    /// </summary>
    public long? ContentId { get; set; }
    public MessageContent? Content { get; set; }

    /// <summary>This recipient's own header block (with its To and Message-ID), ending in the blank line; null for older rows.</summary>
    public byte[]? Headers { get; set; }

    /// <summary>The domain (<c>d=</c>) of the DKIM signature the dashboard added; null: not signed by us.</summary>
    public string? DkimDomain { get; set; }

    /// <summary>The selector (<c>s=</c>) of the DKIM signature the dashboard added; null: not signed by us.</summary>
    public string? DkimSelector { get; set; }

    /// <summary>The message this one re-sends, if any.</summary>
    public long? ResendOfId { get; set; }

    /// <summary>
    /// The instance (<see cref="SendingInstance.Id"/>) whose claim it is: the one that accepted it while
    /// Queued, the one that sent it from Sending on. Null: nobody's (rows from before several instances).
    /// Saved only where it still holds what was read (with <see cref="Status"/>), so two instances never
    /// both take one message.
    /// </summary>
    public string? ClaimedBy { get; private set; }

    public List<MessageEvent> Events { get; set; } = [];

    /// <summary>True once its envelope went to a server, so reports about it can be believed to concern it.</summary>
    public bool WasSent => Status is not (MessageStatus.Queued or MessageStatus.Rejected);

    /// <summary>A new message is stored Queued: records who submitted it and which instance will send it.</summary>
    /// <exception cref="InvalidOperationException">It already has a timeline.</exception>
    public MessageEvent Queue(string actor, string detail, DateTimeOffset now, string? instance = null)
    {
        if (Id != 0 || Events.Count > 0)
        {
            throw new InvalidOperationException($"Message {PublicId} was already queued.");
        }
        Status = MessageStatus.Queued;
        UpdatedAt = now;
        ClaimedBy = instance;
        return Add(new MessageEvent { OccurredAt = now, Type = MessageEventType.Queued, Actor = actor, Detail = detail });
    }

    /// <summary>Queued → Rejected: the recipient is suppressed, so it is never sent.</summary>
    /// <param name="suppressionId">The suppression that blocks the recipient.</param>
    /// <param name="why">How the suppression reads ("x is suppressed: hard bounce since …").</param>
    /// <param name="advice">What the sender should do.</param>
    /// <param name="now">When.</param>
    public MessageEvent Reject(long suppressionId, string why, string advice, DateTimeOffset now)
    {
        Require("rejected", MessageStatus.Queued);
        Move(MessageStatus.Rejected, now);
        Reason = Reasons.Suppressed;
        IsHard = null;
        LastResponse = $"Not sent: {why}";
        return Add(new MessageEvent
        {
            OccurredAt = now,
            Type = MessageEventType.Rejected,
            SuppressionId = suppressionId,
            Detail = $"Rejected before sending: {why}",
            Advice = advice,
        });
    }

    /// <summary>Queued → Sending: its envelope is handed to <paramref name="transport"/> now, by <paramref name="instance"/>.</summary>
    public MessageEvent StartSending(string transport, DateTimeOffset now, string? instance = null)
    {
        Require("sent", MessageStatus.Queued);
        Move(MessageStatus.Sending, now);
        ClaimedBy = instance ?? ClaimedBy;
        return Add(new MessageEvent { OccurredAt = now, Type = MessageEventType.Sending, Detail = $"Handed to {transport}" });
    }

    /// <summary>Sending → Delivered, SoftBounced or HardBounced: the server answered the envelope.</summary>
    /// <param name="reply">The server's answer (or the failure instead of one).</param>
    /// <param name="verdict">What the answer means.</param>
    /// <param name="viaRelay">The transport is a relay: a delivery means the relay took it.</param>
    /// <param name="now">When.</param>
    public MessageEvent RecordReply(RecipientReply reply, Verdict verdict, bool viaRelay, DateTimeOffset now)
    {
        Require("given an answer", MessageStatus.Sending);
        Move(verdict.Outcome switch
        {
            Outcome.Delivered => MessageStatus.Delivered,
            Outcome.HardBounce => MessageStatus.HardBounced,
            _ => MessageStatus.SoftBounced,
        }, now);
        LastReplyCode = reply.ReplyCode;
        LastEnhancedStatus = reply.EnhancedStatus;
        LastResponse = reply.FullResponse;
        Reason = verdict.Reason;
        IsHard = verdict.Hard;
        DeliveredByRelay = verdict.Outcome == Outcome.Delivered && viaRelay;
        return Add(new MessageEvent
        {
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
            Detail = DeliveredByRelay ? "Accepted by the relay, which delivers it onwards; a later refusal comes back as a bounce message." : null,
        });
    }

    /// <summary>
    /// A Queued message whose instance stopped (or that nobody held) becomes <paramref name="instance"/>'s
    /// to send. Its status and timeline stay: it is still waiting for its first attempt.
    /// </summary>
    public void TakeOver(string instance)
    {
        Require("taken over", MessageStatus.Queued);
        ClaimedBy = instance;
    }

    /// <summary>Queued or Sending → Interrupted: the outcome is unknown, so it is not sent again.</summary>
    public MessageEvent Interrupt(string detail, DateTimeOffset now)
    {
        Require("interrupted", MessageStatus.Queued, MessageStatus.Sending);
        Move(MessageStatus.Interrupted, now);
        LastResponse = detail;
        return Add(new MessageEvent
        {
            OccurredAt = now,
            Type = MessageEventType.Interrupted,
            Detail = detail,
            Actor = Users.Actor.System.Name,
            Advice = "Check whether the recipient got it before resending.",
        });
    }

    /// <summary>
    /// A verified report that arrived later (bounce, complaint, auto-reply, delay warning, success
    /// notice) about a message that was sent. A hard bounce after a delivery to the recipient's own
    /// server is a bounce after delivery; a soft bounce after a delivery does not undo it.
    /// </summary>
    /// <param name="report">What the report says about this message's recipient.</param>
    /// <param name="source">Where the report came from, for the timeline.</param>
    /// <param name="now">When.</param>
    /// <exception cref="InvalidOperationException">The message was never sent (<see cref="WasSent"/> is false).</exception>
    public MessageEvent RecordReport(BounceReport report, string source, DateTimeOffset now)
    {
        if (!WasSent)
        {
            throw new InvalidOperationException($"Message {PublicId} is {Status}: it was never sent, so no report can be about it.");
        }
        // Only a delivery to the recipient's own server makes a later hard bounce a forwarding failure;
        // after a relay's 250 it is the destination's ordinary refusal.
        var wasDelivered = Status is MessageStatus.Delivered && !DeliveredByRelay;
        var evt = ReportEvent(report, now);
        var response = evt.Response;
        evt.Detail = source;
        switch (report.Kind)
        {
            case BounceKind.Bounce when report.IsDelayWarning:
                evt.Type = MessageEventType.Info;
                evt.Detail = $"Delay warning: a server is still trying to deliver it. {source}.";
                break;

            case BounceKind.Bounce when report.Hard == true:
                evt.Type = wasDelivered ? MessageEventType.BouncedAfterDelivery : MessageEventType.HardBounce;
                if (wasDelivered)
                {
                    // The product guidance: the delivery was fine and the forward failed at a later hop,
                    // which the recipient must fix. The message stays delivered (for the bounce rate too);
                    // the address is not suppressed, and admins review these in a list of their own.
                    evt.Detail = $"{AfterDeliveryText} {source}.";
                    evt.Advice = Reasons.AfterDeliveryAdvice;
                    BouncedAfterDelivery = true;
                    UpdatedAt = now;
                }
                else
                {
                    SetLatest(report, response, MessageStatus.HardBounced, now);
                }
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
                    SetLatest(report, response, MessageStatus.SoftBounced, now);
                }
                break;

            case BounceKind.Complaint:
                evt.Type = MessageEventType.Complaint;
                evt.Detail = $"The recipient reported this message as spam. {source}.";
                Move(MessageStatus.Complained, now);
                Reason = report.Reason;
                IsHard = null;
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
        return Add(evt);
    }

    /// <summary>
    /// The recipient unsubscribed through the message's List-Unsubscribe link or mailto. A delivered
    /// message becomes Unsubscribed (still a delivery for the bounce rate); any other status stays.
    /// </summary>
    /// <param name="how">How it arrived, for the timeline ("the one-click unsubscribe link").</param>
    /// <param name="now">When.</param>
    public MessageEvent RecordUnsubscribe(string how, DateTimeOffset now)
    {
        if (Status is MessageStatus.Delivered)
        {
            Move(MessageStatus.Unsubscribed, now);
        }
        return Add(new MessageEvent
        {
            OccurredAt = now,
            Type = MessageEventType.Unsubscribe,
            Detail = $"The recipient unsubscribed through {how}.",
            Actor = Users.Actor.System.Name,
        });
    }

    /// <summary>
    /// Today's rules read a stored verdict (<paramref name="evt"/>, one of this message's bounce
    /// events) differently: the event takes the new verdict, a line on the timeline says what changed
    /// ("Re-classified: …"), and when the event set the current status the status follows (hard and
    /// soft bounce). A bounce after delivery leaves the message delivered.
    /// </summary>
    /// <returns>The timeline line recording the change.</returns>
    public MessageEvent Reclassify(MessageEvent evt, Verdict verdict, bool setsStatus, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(evt);
        ArgumentNullException.ThrowIfNull(verdict);
        var before = $"{evt.Reason} ({HardnessWord(evt.IsHard)})";
        evt.Reason = verdict.Reason;
        evt.IsHard = verdict.Hard;
        evt.Rule = verdict.Rule;
        evt.Advice = verdict.Advice;
        if (evt.Type is MessageEventType.HardBounce or MessageEventType.SoftBounce && verdict.Hard is { } hard)
        {
            evt.Type = hard ? MessageEventType.HardBounce : MessageEventType.SoftBounce;
        }
        if (setsStatus && Status is MessageStatus.HardBounced or MessageStatus.SoftBounced && verdict.Hard is { } nowHard)
        {
            Move(nowHard ? MessageStatus.HardBounced : MessageStatus.SoftBounced, now);
            Reason = verdict.Reason;
            IsHard = verdict.Hard;
        }
        return Add(new MessageEvent
        {
            OccurredAt = now,
            Type = MessageEventType.Info,
            Reason = verdict.Reason,
            IsHard = verdict.Hard,
            Rule = verdict.Rule,
            Advice = verdict.Advice,
            Detail = $"Re-classified: {before} → {verdict.Reason} ({HardnessWord(verdict.Hard)}) by today's rules (the reply of {evt.OccurredAt:yyyy-MM-dd HH:mm} UTC).",
            Actor = actor,
        });
    }

    private static string HardnessWord(bool? hard) => hard switch { true => "hard", false => "soft", null => "no failure" };

    /// <summary>
    /// A report that names this message but could not be verified (no valid signed token): recorded
    /// on the timeline, changing nothing. An admin may accept it, and then it is recorded with
    /// <see cref="RecordReport"/>.
    /// </summary>
    /// <param name="report">What the report says.</param>
    /// <param name="why">Why it is not believed by itself.</param>
    /// <param name="now">When.</param>
    public MessageEvent RecordUnverified(BounceReport report, string why, DateTimeOffset now)
    {
        var evt = ReportEvent(report, now);
        evt.Type = MessageEventType.Unverified;
        evt.Detail = $"Unverified {Describe(report.Kind)} about {report.Recipient}, not acted on: {why}";
        evt.Advice = "An admin can accept it on the Unmatched page if it is genuine; until then it changes nothing.";
        return Add(evt);
    }

    // What a report says, as a timeline event (its type and wording set by the caller).
    private static MessageEvent ReportEvent(BounceReport report, DateTimeOffset now) => new()
    {
        OccurredAt = now,
        ReplyCode = report.ReplyCode,
        EnhancedStatus = report.EnhancedStatus,
        Response = report.Diagnostic ?? report.ReplyCode?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        RemoteHost = report.RemoteMta,
        Reason = report.Reason,
        IsHard = report.Hard,
        Rule = report.Rule,
        Evidence = report.Diagnostic,
        Advice = report.Advice,
        Actor = Users.Actor.System.Name,
    };

    private static string Describe(BounceKind kind) => kind switch
    {
        BounceKind.Complaint => "spam complaint",
        BounceKind.AutoReply => "automatic reply",
        BounceKind.Delivered => "delivery notice",
        _ => "bounce",
    };

    /// <summary>The message was sent again as new messages (the link forward); its own status stays.</summary>
    public MessageEvent RecordResent(string resentAs, string actor, DateTimeOffset now) =>
        Add(new MessageEvent { OccurredAt = now, Type = MessageEventType.Resent, Detail = $"Re-sent as {resentAs}", Actor = actor });

    internal const string AfterDeliveryText = "Bounced after delivery — most likely the recipient forwards mail and the forward failed. The delivery stands and the address is not suppressed: the recipient must fix their forwarding (an admin can suppress it by hand).";

    private void SetLatest(BounceReport report, string? response, MessageStatus status, DateTimeOffset now)
    {
        Move(status, now);
        LastReplyCode = report.ReplyCode;
        LastEnhancedStatus = report.EnhancedStatus;
        LastResponse = response;
        Reason = report.Reason;
        IsHard = report.Hard;
    }

    /// <summary>
    /// Erases who it went to and what it said (a request to forget the address): the recipient and the
    /// subject become <paramref name="placeholder"/>, the content goes, and <paramref name="scrub"/> takes
    /// the address out of the last reply. The status, the reason and the domain stay, for the reports.
    /// </summary>
    public void Forget(string placeholder, Func<string?, string?> scrub, DateTimeOffset now)
    {
        Recipient = placeholder;
        Subject = placeholder;
        Headers = null;
        ContentId = null;
        LastResponse = scrub(LastResponse);
        UpdatedAt = now;
    }

    private void Require(string what, params MessageStatus[] from)
    {
        if (!from.Contains(Status))
        {
            throw new InvalidOperationException($"Message {PublicId} is {Status}: it cannot be {what}.");
        }
    }

    private void Move(MessageStatus status, DateTimeOffset now)
    {
        Status = status;
        UpdatedAt = now;
    }

    private MessageEvent Add(MessageEvent evt)
    {
        evt.MessageId = Id;
        evt.Message = this;
        Events.Add(evt);
        return evt;
    }
}
