using Dashboard.Core.Data;
using Dashboard.Core.Reporting.Rollups;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Typos;

/// <summary>
/// Typo suggestions against the common mail domains and every domain the dashboard delivered to in
/// the last 90 days (read from the rollups, cached for a few minutes).
/// </summary>
public sealed class DomainSuggester(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);
    private (DateTimeOffset At, string[] Domains)? _known;

    /// <summary>"yahoo.com" for "someone@yohoo.com" (or "yohoo.com"); null when the domain looks right.</summary>
    public async Task<string?> SuggestAsync(string addressOrDomain, CancellationToken cancellationToken = default)
    {
        var domain = addressOrDomain[(addressOrDomain.LastIndexOf('@') + 1)..].TrimEnd('>', ' ');
        return DomainTypos.Suggest(domain, await KnownAsync(cancellationToken));
    }

    private async Task<string[]> KnownAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_known is { } cached && now - cached.At < CacheFor)
        {
            return cached.Domains;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await RollupFolder.FoldAsync(db, cancellationToken);
        var from = now.AddDays(-90);
        var all = DeliveryRollup.All;
        // Grouped providers' names (Google) are not domains; their domains are in the common list.
        var delivered = await db.DeliveryRollups.AsNoTracking()
            .Where(r => r.Period == RollupPeriod.Day && r.Tag == all && r.Sender == all && r.Provider != all && r.BucketStart >= from && r.Delivered > 0)
            .Select(r => r.Provider).Distinct().ToListAsync(cancellationToken);
        var domains = DomainTypos.Common.Concat(delivered.Where(p => p.Contains('.'))).Distinct().ToArray();
        _known = (now, domains);
        return domains;
    }
}
