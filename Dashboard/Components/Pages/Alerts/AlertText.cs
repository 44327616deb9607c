using Dashboard.Core.Activity;
using Dashboard.Core.Alerts;
using Dashboard.Core.Messages;

namespace Dashboard.Components.Pages.Alerts;

/// <summary>Names and links for alerts, shared by the banner and the Alerts page.</summary>
public static class AlertText
{
    public static string RuleName(Alert alert) => alert.Rule switch
    {
        AlertRule.BounceRate => "Bounce rate",
        AlertRule.ComplaintRate => "Complaint rate",
        AlertRule.HardBounceCluster => "Cluster of hard bounces",
        AlertRule.UnknownDmarcSource => "Unknown DMARC source",
        _ => $"Block at {alert.Subject}",
    };

    /// <summary>Where to look at what made the alert, and the link's words.</summary>
    public static (string Href, string Text) Link(Alert alert) => alert.Rule == AlertRule.UnknownDmarcSource
        ? (DmarcLink(alert), "DMARC sources")
        : (ActivityLink(alert), "Messages");

    // Subject is "<ip> as <domain>".
    private static string DmarcLink(Alert alert)
    {
        var at = alert.Subject.LastIndexOf(" as ", StringComparison.Ordinal);
        return at < 0 ? "/dmarc" : $"/dmarc?domain={Uri.EscapeDataString(alert.Subject[(at + 4)..])}";
    }

    /// <summary>Activity filtered to what made the alert: bounces (or complaints) in its window.</summary>
    public static string ActivityLink(Alert alert)
    {
        var filter = new ActivityFilter
        {
            Range = ActivityRange.Custom,
            From = alert.WindowFrom,
            To = alert.WindowTo,
            Statuses = alert.Rule switch
            {
                AlertRule.ComplaintRate => [MessageStatus.Complained],
                AlertRule.HardBounceCluster => [MessageStatus.HardBounced],
                AlertRule.ProviderBlock => [MessageStatus.SoftBounced],
                _ => [MessageStatus.SoftBounced, MessageStatus.HardBounced],
            },
        };
        return "/activity?" + filter.ToQueryString();
    }
}
