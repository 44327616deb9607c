using System.Globalization;
using Dashboard.Core.Data;
using Dashboard.Core.Reporting;
using Dashboard.Core.Reporting.Rollups;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Alerts;

/// <summary>
/// Reads every rule's figure at a moment from the hourly rollups (a few hundred rows at most) and
/// judges it against the thresholds. Pure reading: opening and closing is <see cref="AlertService"/>'s.
/// </summary>
public sealed class AlertEvaluator(IDbContextFactory<DashboardDbContext> dbFactory, IOptionsMonitor<AlertOptions> options)
{
    /// <summary>The trailing window that "usual" is measured over, in hours.</summary>
    public const int TrailingHours = 7 * 24;

    /// <summary>Every rule's reading at <paramref name="at"/>: the 24 hours ending with the hour of <paramref name="at"/>, and that hour against the 7 days before it.</summary>
    public async Task<IReadOnlyList<AlertReading>> ReadAsync(DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var o = options.CurrentValue;
        var hour = new DateTimeOffset(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero);
        var trailingFrom = hour.AddHours(-TrailingHours);
        var end = hour.AddHours(1);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await RollupFolder.FoldAsync(db, cancellationToken);

        var all = DeliveryRollup.All;
        var hours = await db.DeliveryRollups.AsNoTracking()
            .Where(r => r.Period == RollupPeriod.Hour && r.Tag == all && r.Sender == all && r.Provider == all
                && r.BucketStart >= trailingFrom && r.BucketStart < end)
            .Select(r => new { r.BucketStart, r.Processed, r.Delivered, r.SoftBounces, r.HardBounces, r.Rejected, r.Complaints })
            .ToListAsync(cancellationToken);
        var dayFrom = hour.AddHours(-23);
        var day = hours.Where(h => h.BucketStart >= dayFrom)
            .Aggregate(DeliveryCounts.Empty, (sum, h) => sum + new DeliveryCounts(h.Processed, h.Delivered, h.SoftBounces, h.HardBounces, h.Rejected, h.Complaints));
        var hardNow = hours.Where(h => h.BucketStart == hour).Sum(h => h.HardBounces);
        var hardBefore = hours.Where(h => h.BucketStart < hour).Sum(h => h.HardBounces);

        // Only a provider with sender-side soft bounces this hour can open a block alert or keep one
        // open (one with no reading closes, as a reading of 0 would), so the week before is read for
        // those providers alone: the cost follows the providers bouncing now, not the week's mail.
        var bouncingNow = db.DeliveryRollups
            .Where(r => r.Period == RollupPeriod.Hour && r.Tag == all && r.Sender == all && r.SenderSideSoftBounces > 0
                && r.BucketStart == hour && r.Provider != all)
            .Select(r => r.Provider);
        var blocks = await db.DeliveryRollups.AsNoTracking()
            .Where(r => r.Period == RollupPeriod.Hour && r.Tag == all && r.Sender == all && bouncingNow.Contains(r.Provider)
                && r.BucketStart >= trailingFrom && r.BucketStart < end)
            .GroupBy(r => r.Provider)
            .Select(g => new
            {
                Provider = g.Key,
                Now = g.Sum(r => r.BucketStart == hour ? r.SenderSideSoftBounces : 0),
                Before = g.Sum(r => r.BucketStart < hour ? r.SenderSideSoftBounces : 0),
            })
            .ToListAsync(cancellationToken);

        var readings = new List<AlertReading>
        {
            BounceRate(day, o, dayFrom, end),
            ComplaintRate(day, o, dayFrom, end),
            Burst(AlertRule.HardBounceCluster, "", hardNow, hardBefore, o.ClusterFactor, o.ClusterMinimum, o.CloseBelowShare, hour, end),
        };
        readings.AddRange(blocks.Select(b => Burst(AlertRule.ProviderBlock, b.Provider, b.Now, b.Before, o.ProviderBlockFactor, o.ProviderBlockMinimum, o.CloseBelowShare, hour, end)));

        // Each checked sender domain: 1 while its last check fails, 0 once it passes (which closes the alert).
        var domains = await db.SenderDomains.AsNoTracking()
            .Where(d => d.CheckState != Domains.DomainCheckState.Unchecked)
            .Select(d => new { d.Name, d.CheckState, d.CheckedAt, Dkim = d.Dkim.Status, Spf = d.Spf.Status, Dmarc = d.Dmarc.Status })
            .ToListAsync(cancellationToken);
        readings.AddRange(domains.Select(d => SenderDomain(d.Name, d.CheckState == Domains.DomainCheckState.Failing,
            Domains.DomainCheckResult.DescribeFailures(d.Dkim, d.Spf, d.Dmarc), d.CheckedAt ?? at, at)));
        readings.AddRange(await UnknownDmarcSourcesAsync(db, at, o, cancellationToken));
        return readings;
    }

    /// <summary>
    /// Sources in DMARC reports for periods beginning in the 7 days up to <paramref name="at"/>, named
    /// in no report for an earlier period, with mail as one of our domains that failed alignment. By
    /// report period, not by when the report arrived, so late or back-filled reports judge the same.
    /// Once a source has been known for 7 days it has no reading, so its alert closes; the DMARC page
    /// still lists it as failing.
    /// </summary>
    private static async Task<IEnumerable<AlertReading>> UnknownDmarcSourcesAsync(DashboardDbContext db, DateTimeOffset at, AlertOptions o, CancellationToken cancellationToken)
    {
        var from = at.AddHours(-TrailingHours);
        var sources = await db.DmarcRecords.AsNoTracking()
            .Where(r => r.Report!.PeriodBegin >= from && r.Report.PeriodBegin <= at && !r.DmarcPass)
            .Where(r => !db.DmarcRecords.Any(b => b.SourceIp == r.SourceIp && b.Report!.PolicyDomain == r.Report!.PolicyDomain && b.Report.PeriodBegin < from))
            .GroupBy(r => new { r.Report!.PolicyDomain, r.SourceIp })
            .Select(g => new { g.Key.PolicyDomain, g.Key.SourceIp, Failing = g.Sum(r => r.Count), Org = g.Min(r => r.Report!.OrgName), Orgs = g.Select(r => r.Report!.OrgName).Distinct().Count() })
            .ToListAsync(cancellationToken);
        return sources.Select(s => new AlertReading(
            AlertRule.UnknownDmarcSource, $"{s.SourceIp} as {s.PolicyDomain}", s.Failing, Judged: true,
            s.Failing >= o.UnknownDmarcSourceMinimum ? AlertSeverity.Warning : null, o.UnknownDmarcSourceMinimum,
            o.UnknownDmarcSourceMinimum * o.CloseBelowShare,
            Invariant($"{s.SourceIp} sent {s.Failing:N0} messages as {s.PolicyDomain} that failed DMARC alignment; not seen before (reported by {s.Org}{(s.Orgs > 1 ? $" and {s.Orgs - 1} more" : "")}; threshold {o.UnknownDmarcSourceMinimum:N0}). Authorise it in SPF or have it sign with DKIM if it sends for you"),
            from, at));
    }

    /// <summary>Judges a 24-hour bounce rate: warning from <see cref="AlertOptions.BounceRateWarning"/>, critical from <see cref="AlertOptions.BounceRateCritical"/>.</summary>
    public static AlertReading BounceRate(DeliveryCounts day, AlertOptions o, DateTimeOffset from, DateTimeOffset to) =>
        Rate(AlertRule.BounceRate, day.Bounces, day.Attempted, o.BounceRateWarning, o.BounceRateCritical, o, from, to,
            rate => Invariant($"Bounce rate {rate:0.0%} over the last 24 h ({day.Bounces:N0} of {day.Attempted:N0} sent, {day.HardBounces:N0} hard)"));

    /// <summary>Judges a 24-hour complaint rate against <see cref="AlertOptions.ComplaintRateWarning"/> and <see cref="AlertOptions.ComplaintRateCritical"/>.</summary>
    public static AlertReading ComplaintRate(DeliveryCounts day, AlertOptions o, DateTimeOffset from, DateTimeOffset to) =>
        Rate(AlertRule.ComplaintRate, day.Complaints, day.Delivered, o.ComplaintRateWarning, o.ComplaintRateCritical, o, from, to,
            rate => Invariant($"Complaint rate {rate:0.00%} over the last 24 h ({day.Complaints:N0} complaints of {day.Delivered:N0} delivered)"));

    private static AlertReading Rate(AlertRule rule, int part, int whole, double warning, double critical, AlertOptions o, DateTimeOffset from, DateTimeOffset to, Func<double, string> describe)
    {
        var severity = AtLeast(part, whole, critical) ? AlertSeverity.Critical
            : AtLeast(part, whole, warning) ? AlertSeverity.Warning
            : (AlertSeverity?)null;
        var threshold = severity == AlertSeverity.Critical ? critical : warning;
        var rate = whole == 0 ? 0 : (double)part / whole;
        return new AlertReading(rule, "", rate, whole >= o.MinimumVolume, severity, threshold, warning * o.CloseBelowShare,
            describe(rate) + Invariant($", threshold {threshold:0.0##%}"), from, to);
    }

    /// <summary>
    /// Judges a count in the hour starting <paramref name="hour"/> against the trailing 7-day hourly
    /// average: at least <paramref name="factor"/> times it and at least <paramref name="minimum"/>.
    /// </summary>
    public static AlertReading Burst(AlertRule rule, string subject, int now, int before, double factor, int minimum, double closeShare, DateTimeOffset hour, DateTimeOffset end)
    {
        var average = (double)before / TrailingHours;
        var threshold = Math.Max(minimum, factor * average);
        var what = rule == AlertRule.HardBounceCluster ? "hard bounces" : $"sender-side soft bounces at {subject}";
        return new AlertReading(rule, subject, now, Judged: true, now >= threshold ? AlertSeverity.Critical : null, threshold, threshold * closeShare,
            Invariant($"{now:N0} {what} in the hour from {hour:HH:mm} UTC, against {average:0.##} an hour over the 7 days before (threshold {threshold:0.#})"),
            hour, end);
    }

    /// <summary>Judges a sender domain's last DNS check: failing is a warning, passing closes it.</summary>
    public static AlertReading SenderDomain(string domain, bool failing, string failures, DateTimeOffset checkedAt, DateTimeOffset at) =>
        new(AlertRule.SenderDomainFailing, domain, failing ? 1 : 0, Judged: true, failing ? AlertSeverity.Warning : null, 1, 1,
            failing ? $"{domain} fails its DNS check: {failures}" : $"{domain} passes its DNS check",
            checkedAt, at);

    // Compared in whole numbers so 5.0% is 5.0%: 50 of 1,000 reaches 0.05 however the division rounds.
    private static bool AtLeast(int part, int whole, double rate) => whole > 0 && part * 1_000_000L >= (long)Math.Round(rate * 1_000_000) * whole;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
