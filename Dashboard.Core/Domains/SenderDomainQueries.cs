using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Domains;

/// <summary>Reads the sender domains as the page, the API and the Overview show them: each with its records and last check.</summary>
public sealed class SenderDomainQueries(IDbContextFactory<DashboardDbContext> dbFactory, DomainRecords records)
{
    /// <summary>Every sender domain, by name.</summary>
    public async Task<IReadOnlyList<SenderDomainView>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.SenderDomains.AsNoTracking().OrderBy(d => d.Name).ToListAsync(cancellationToken);
        return [.. rows.Select(View)];
    }

    /// <summary>The domains whose last check failed, by name: what the Overview warns about.</summary>
    public async Task<IReadOnlyList<SenderDomainView>> ListFailingAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.SenderDomains.AsNoTracking().Where(d => d.CheckState == DomainCheckState.Failing).OrderBy(d => d.Name).ToListAsync(cancellationToken);
        return [.. rows.Select(View)];
    }

    /// <summary>The records <paramref name="domain"/> should publish, with what its last check found.</summary>
    public SenderDomainView View(SenderDomain domain) =>
        new(domain.Id, domain.Name, domain.Selector, domain.CreatedAt, domain.CreatedBy, domain.CheckedAt, domain.CheckState,
            DomainCheckResult.DescribeFailures(domain.Dkim.Status, domain.Spf.Status, domain.Dmarc.Status), domain.SpfLookups, domain.DmarcPolicy,
            [.. records.For(domain).Select(r => Result(r, r.Kind switch
            {
                RecordKind.Dkim => domain.Dkim,
                RecordKind.Spf => domain.Spf,
                RecordKind.Dmarc => domain.Dmarc,
                _ => domain.Mx,
            }))]);

    private static RecordResult Result(PublishedRecord record, RecordCheck check) => new(record, check.Status, check.Found, check.Detail);
}
