using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Dmarc;

/// <summary>The DMARC page's reads: the domains with reports, and one domain's period summed in SQL per source.</summary>
public sealed class DmarcQueryService(IDbContextFactory<DashboardDbContext> dbFactory)
{
    /// <summary>The most sources a summary lists (by volume); the totals count them all.</summary>
    public const int MaxSources = 500;

    /// <summary>Our sender domains and the domains reports were stored for (a subdomain's policy), alphabetically.</summary>
    public async Task<IReadOnlyList<string>> ListDomainsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.SenderDomains.AsNoTracking().Select(d => d.Name)
            .Union(db.DmarcReports.AsNoTracking().Select(r => r.PolicyDomain))
            .OrderBy(d => d).ToListAsync(cancellationToken);
    }

    /// <summary>What the reports whose period begins in [<paramref name="from"/>, <paramref name="to"/>) say about <paramref name="domain"/>.</summary>
    public async Task<DmarcSummary> SummarizeAsync(string domain, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        domain = domain.Trim().ToLowerInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var reports = db.DmarcReports.AsNoTracking().Where(r => r.PolicyDomain == domain && r.PeriodBegin >= from && r.PeriodBegin < to);
        var records = db.DmarcRecords.AsNoTracking().Where(r => reports.Any(p => p.Id == r.DmarcReportId));

        var orgs = await reports.Select(r => r.OrgName).Distinct().OrderBy(o => o).ToListAsync(cancellationToken);
        var reportCount = await reports.CountAsync(cancellationToken);
        var totals = await records.GroupBy(_ => 1)
            .Select(g => new { Messages = g.Sum(r => (long)r.Count), Aligned = g.Sum(r => r.DmarcPass ? (long)r.Count : 0) })
            .FirstOrDefaultAsync(cancellationToken);
        var sources = await records.GroupBy(r => r.SourceIp)
            .Select(g => new
            {
                SourceIp = g.Key,
                Messages = g.Sum(r => (long)r.Count),
                Aligned = g.Sum(r => r.DmarcPass ? (long)r.Count : 0),
                DkimAligned = g.Sum(r => r.DkimAligned ? (long)r.Count : 0),
                SpfAligned = g.Sum(r => r.SpfAligned ? (long)r.Count : 0),
                Quarantined = g.Sum(r => r.Disposition == "quarantine" ? (long)r.Count : 0),
                Rejected = g.Sum(r => r.Disposition == "reject" ? (long)r.Count : 0),
            })
            .OrderByDescending(s => s.Messages).ThenBy(s => s.SourceIp)
            .Take(MaxSources)
            .ToListAsync(cancellationToken);
        var ips = sources.Select(s => s.SourceIp).ToList();
        var orgsBySource = (await records.Where(r => ips.Contains(r.SourceIp))
                .Select(r => new { r.SourceIp, r.Report!.OrgName }).Distinct().ToListAsync(cancellationToken))
            .ToLookup(x => x.SourceIp, x => x.OrgName);
        var firstSeen = await db.DmarcRecords.AsNoTracking()
            .Where(r => ips.Contains(r.SourceIp) && r.Report!.PolicyDomain == domain)
            .GroupBy(r => r.SourceIp)
            .Select(g => new { SourceIp = g.Key, First = g.Min(r => r.Report!.ReceivedAt) })
            .ToDictionaryAsync(x => x.SourceIp, x => x.First, cancellationToken);

        return new DmarcSummary(domain, from, to, reportCount, orgs, totals?.Messages ?? 0, totals?.Aligned ?? 0,
            [.. sources.Select(s => new DmarcSource(s.SourceIp, s.Messages, s.Aligned, s.DkimAligned, s.SpfAligned, s.Quarantined, s.Rejected,
                [.. orgsBySource[s.SourceIp].Order()], firstSeen[s.SourceIp]))]);
    }
}
