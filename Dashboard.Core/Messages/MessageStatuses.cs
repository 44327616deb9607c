namespace Dashboard.Core.Messages;

/// <summary>Every message status in words and its <see cref="Tone"/>: what chips, filters, the CSV and the API show.</summary>
public static class MessageStatuses
{
    /// <summary>The statuses offered as filters, in the order they are offered.</summary>
    public static readonly MessageStatus[] Filterable =
    [
        MessageStatus.Delivered, MessageStatus.SoftBounced, MessageStatus.HardBounced, MessageStatus.Rejected,
        MessageStatus.Complained, MessageStatus.Unsubscribed, MessageStatus.Interrupted, MessageStatus.Queued, MessageStatus.Sending,
    ];

    /// <summary>The status in words ("Hard bounce"), never the enum name.</summary>
    public static string Label(MessageStatus status) => status switch
    {
        MessageStatus.Queued => "Queued",
        MessageStatus.Sending => "Sending",
        MessageStatus.Delivered => "Delivered",
        MessageStatus.SoftBounced => "Soft bounce",
        MessageStatus.HardBounced => "Hard bounce",
        MessageStatus.Rejected => "Rejected",
        MessageStatus.Interrupted => "Interrupted",
        MessageStatus.Complained => "Complaint",
        MessageStatus.Unsubscribed => "Unsubscribed",
        _ => "Unknown",
    };

    /// <summary>The colour family of a status.</summary>
    public static Tone ToneOf(MessageStatus status) => status switch
    {
        MessageStatus.Delivered => Tone.Good,
        MessageStatus.SoftBounced => Tone.Warning,
        MessageStatus.HardBounced or MessageStatus.Complained => Tone.Bad,
        MessageStatus.Rejected => Tone.Neutral,
        MessageStatus.Unsubscribed => Tone.Info,
        MessageStatus.Interrupted => Tone.Attention,
        _ => Tone.Pending,
    };
}
