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
        AlertRule.SenderDomainFailing => "Sender domain",
        AlertRule.UnknownDmarcSource => "Unknown DMARC source",
        _ => $"Block at {alert.Subject}",
    };

    /// <summary>Where to look at what made the alert, the link's words, and the longer words of the Alerts page.</summary>
    public static (string Href, string Text, string LongText) Link(Alert alert) => alert.Rule switch
    {
        AlertRule.SenderDomainFailing => ("/domains", "Sender domains", "Show the sender domains"),
        AlertRule.UnknownDmarcSource => (DmarcLink(alert), "DMARC sources", "Show the domain's DMARC sources"),
        _ => (ActivityLink(alert), "Messages", "Show the messages in Activity"),
    };

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
