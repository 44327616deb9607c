using Dashboard.Core.Messages;

namespace Dashboard.Components.Pages.ActivityReport;

/// <summary>Status names as the activity pages show them, and the statuses offered as filters.</summary>
internal static class StatusNames
{
    public static readonly MessageStatus[] Filterable =
    [
        MessageStatus.Delivered, MessageStatus.SoftBounced, MessageStatus.HardBounced, MessageStatus.Rejected,
        MessageStatus.Complained, MessageStatus.Unsubscribed, MessageStatus.Interrupted, MessageStatus.Queued, MessageStatus.Sending,
    ];

    public static string Label(MessageStatus status) => status switch
    {
        MessageStatus.SoftBounced => "Soft bounce",
        MessageStatus.HardBounced => "Hard bounce",
        MessageStatus.Complained => "Complaint",
        _ => status.ToString(),
    };
}
