using Dashboard.Core.Activity;
using Dashboard.Core.Messages;
using Dashboard.Core.Reporting;

namespace Dashboard.Components.Pages.Reports;

/// <summary>Links from the reports into Activity.</summary>
public static class ReportLinks
{
    /// <summary>Activity filtered to the bounces of [<paramref name="from"/>, <paramref name="to"/>), with the report's sender (and provider, when it is a plain domain).</summary>
    public static string BouncesInActivity(DateTimeOffset from, DateTimeOffset to, ReportFilter filter)
    {
        var activity = new ActivityFilter
        {
            Range = ActivityRange.Custom,
            From = from,
            To = to,
            Statuses = [MessageStatus.SoftBounced, MessageStatus.HardBounced],
            Sender = filter.Sender,
            // Activity filters by domain; a grouped provider (Google) has several, so it is left out.
            RecipientDomain = filter.Provider is { } provider && MailboxProviders.Of(provider) == provider.ToLowerInvariant() ? provider : null,
        };
        return "/activity?" + activity.ToQueryString();
    }

    /// <summary>One link per point of <paramref name="series"/>.</summary>
    public static List<string> PerPoint(ReportSeries series, ReportFilter filter) =>
        [.. series.Points.Select(p => BouncesInActivity(p.Start, p.Start + series.Window.Step, filter))];
}
