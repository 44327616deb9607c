namespace Dashboard.Core.Sending;

/// <summary>
/// Hands a message to receiving servers and reports every recipient's answer. The seam between the
/// pipeline (storage, rules) and the wire (smarthost, sandbox). Implementations never throw for a
/// delivery failure: a refused connection or a rejection is a <see cref="RecipientReply"/>.
/// </summary>
public interface IMailTransport
{
    /// <summary>A short name for the timeline ("smarthost smtp.example.com:587", "sandbox").</summary>
    string Name { get; }

    /// <summary>True when a 250 means a relay took the message (it delivers onwards), not the recipient's server.</summary>
    bool IsRelay { get; }

    /// <summary>
    /// Sends <paramref name="message"/> and calls <paramref name="onReplies"/> as soon as the answers
    /// for a group of recipients are known (once per SMTP transaction or routing decision).
    /// </summary>
    Task SendAsync(OutgoingMessage message, Func<IReadOnlyList<RecipientReply>, Task> onReplies, CancellationToken cancellationToken);
}
