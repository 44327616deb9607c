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

    /// <summary>What <see cref="Link"/> leads to, in words: the messages, the sender domains page, or the domain's DMARC sources.</summary>
    public static string LinkText(Alert alert) => alert.Rule switch
    {
        AlertRule.SenderDomainFailing => "Sender domains",
        AlertRule.UnknownDmarcSource => "DMARC sources",
        _ => "Messages",
    };

    /// <summary>The same, as a sentence for the Alerts page.</summary>
    public static string LongLinkText(Alert alert) => alert.Rule switch
    {
        AlertRule.SenderDomainFailing => "Show the sender domains",
        AlertRule.UnknownDmarcSource => "Show the domain's DMARC sources",
        _ => "Show the messages in Activity",
    };

    /// <summary>
    /// Where to look at what made the alert: Activity filtered to its bounces (or complaints) in its
    /// window, the sender domains page, or the DMARC page of the domain (Subject is "&lt;ip&gt; as &lt;domain&gt;").
    /// </summary>
    public static string Link(Alert alert)
    {
        if (alert.Rule == AlertRule.SenderDomainFailing)
        {
            return "/domains";
        }
        if (alert.Rule == AlertRule.UnknownDmarcSource)
        {
            var at = alert.Subject.LastIndexOf(" as ", StringComparison.Ordinal);
            return at < 0 ? "/dmarc" : $"/dmarc?domain={Uri.EscapeDataString(alert.Subject[(at + 4)..])}";
        }
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
