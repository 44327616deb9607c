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
        _ => $"Block at {alert.Subject}",
    };

    /// <summary>What <see cref="ActivityLink"/> leads to, in words: the messages, or the sender domains page.</summary>
    public static string LinkText(Alert alert) => alert.Rule == AlertRule.SenderDomainFailing ? "Sender domains" : "Messages";

    /// <summary>Activity filtered to what made the alert: bounces (or complaints) in its window.</summary>
    public static string ActivityLink(Alert alert)
    {
        if (alert.Rule == AlertRule.SenderDomainFailing)
        {
            return "/domains";
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
