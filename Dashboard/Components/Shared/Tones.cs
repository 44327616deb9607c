using Dashboard.Core;
using Dashboard.Core.Messages;
using MudBlazor;

namespace Dashboard.Components.Shared;

/// <summary>The one place a <see cref="Tone"/> becomes a MudBlazor colour and a status becomes an icon.</summary>
public static class Tones
{
    public static Color ColorOf(Tone tone) => tone switch
    {
        Tone.Good => Color.Success,
        Tone.Warning => Color.Warning,
        Tone.Bad => Color.Error,
        // Grey: never sent, neither good nor bad news about the recipient's server.
        Tone.Neutral => Color.Default,
        Tone.Info => Color.Info,
        // Not Dark: dark text on the dark theme's surface cannot be read.
        Tone.Attention => Color.Tertiary,
        Tone.Manual => Color.Secondary,
        _ => Color.Primary,
    };

    public static Color ColorOf(MessageStatus status) => ColorOf(MessageStatuses.ToneOf(status));

    public static string IconOf(MessageStatus status) => status switch
    {
        MessageStatus.Delivered => Icons.Material.Filled.CheckCircle,
        MessageStatus.SoftBounced => Icons.Material.Filled.Schedule,
        MessageStatus.HardBounced => Icons.Material.Filled.Cancel,
        MessageStatus.Rejected => Icons.Material.Filled.Block,
        MessageStatus.Complained => Icons.Material.Filled.Report,
        MessageStatus.Unsubscribed => Icons.Material.Filled.Unsubscribe,
        MessageStatus.Interrupted => Icons.Material.Filled.ErrorOutline,
        MessageStatus.Sending => Icons.Material.Filled.Send,
        _ => Icons.Material.Filled.HourglassEmpty,
    };
}
