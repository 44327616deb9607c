using Dashboard.Core.Messages;

namespace Dashboard.Core.Suppressions;

/// <summary>The suppression-reason vocabulary in one table: every page, the timeline, the send results and the CSV read it.</summary>
public static class SuppressionReasons
{
    private static readonly SuppressionReasonInfo[] Table =
    [
        new(SuppressionReason.HardBounce, "Hard bounce", "hard bounce",
            "The address bounced recently; it unblocks itself when the suppression expires. Check it for typos.",
            MessageStatuses.ToneOf(MessageStatus.HardBounced), MessageStatus.HardBounced, Protected: false),
        new(SuppressionReason.SoftBounceStreak, "Soft bounce streak", "too many soft bounces in a row",
            "The address kept bouncing; it unblocks itself when the suppression expires.",
            MessageStatuses.ToneOf(MessageStatus.SoftBounced), MessageStatus.SoftBounced, Protected: false),
        new(SuppressionReason.SpamComplaint, "Spam complaint", "spam complaint",
            "The recipient reported your mail as spam: do not mail them again.",
            MessageStatuses.ToneOf(MessageStatus.Complained), MessageStatus.Complained, Protected: true),
        new(SuppressionReason.Unsubscribe, "Unsubscribed", "unsubscribed",
            "The recipient unsubscribed: do not mail them again.",
            MessageStatuses.ToneOf(MessageStatus.Unsubscribed), MessageStatus.Unsubscribed, Protected: true),
        new(SuppressionReason.Manual, "Manual", "added by hand",
            "An admin blocked this address; ask them before removing it.",
            Tone.Manual, null, Protected: false),
    ];

    /// <summary>Every reason, in the order filters and dialogs offer them.</summary>
    public static IReadOnlyList<SuppressionReasonInfo> All => Table;

    /// <summary>The entry for <paramref name="reason"/>.</summary>
    public static SuppressionReasonInfo For(SuppressionReason reason) =>
        Array.Find(Table, r => r.Reason == reason) ?? Table[^1];
}
