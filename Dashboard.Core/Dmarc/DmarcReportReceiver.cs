using Dashboard.Core.Bounces.Inbound;
using Dashboard.Core.Data;
using Dashboard.Core.Sending;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Dashboard.Core.Dmarc;

/// <summary>
/// Reads aggregate reports mailed to the DMARC report address and stores their records with our
/// alignment verdict. A report already stored (same organisation and report id) is not stored again.
/// </summary>
public sealed class DmarcReportReceiver(
    IDbContextFactory<DashboardDbContext> dbFactory,
    IOptions<DmarcOptions> options,
    ReturnPathSigner returnPath,
    TimeProvider time,
    ILogger<DmarcReportReceiver> logger)
{
    /// <summary>The address reports are mailed to: <see cref="DmarcOptions.Address"/>, or dmarc@ the bounce domain.</summary>
    public string Address => options.Value.ReportAddress(returnPath.Domain);

    /// <summary>True when <paramref name="address"/> is the DMARC report address.</summary>
    public bool IsReportAddress(string address) => string.Equals(address.Trim().Trim('<', '>'), Address, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads and stores the report in <paramref name="mail"/>.</summary>
    /// <exception cref="DmarcReportException">It could not be read, or is about a domain we do not manage.</exception>
    public async Task<DmarcReceipt> ReceiveAsync(InboundMail mail, CancellationToken cancellationToken = default)
    {
        MimeMessage message;
        try
        {
            using var stream = new MemoryStream(mail.Raw, writable: false);
            message = await MimeMessage.LoadAsync(stream, cancellationToken);
        }
        catch (FormatException ex)
        {
            throw new DmarcReportException(DmarcProblem.NoReport, $"The mail cannot be read as MIME: {ex.Message}", ex);
        }
        var report = ReportAttachment.Read(message, options.Value);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await RequireManagedAsync(db, report.Policy.Domain, cancellationToken);
        if (await db.DmarcReports.AnyAsync(r => r.OrgName == report.OrgName && r.ReportId == report.ReportId, cancellationToken))
        {
            return Duplicate(report);
        }
        var stored = new DmarcReport
        {
            OrgName = report.OrgName,
            OrgEmail = report.OrgEmail,
            ReportId = report.ReportId,
            PeriodBegin = report.Begin,
            PeriodEnd = report.End,
            PolicyDomain = report.Policy.Domain,
            PolicyP = report.Policy.P,
            PolicyPct = report.Policy.Pct,
            Adkim = report.Policy.Adkim,
            Aspf = report.Policy.Aspf,
            ReceivedAt = time.GetUtcNow(),
            Raw = mail.Raw,
            Records = [.. report.Rows.Select(row => Record(row, report.Policy))],
        };
        db.DmarcReports.Add(stored);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            // The same report arrived twice at once; the other copy won.
            return Duplicate(report);
        }
        logger.LogInformation("Stored DMARC report {ReportId} from {Org} for {Domain}: {Rows} records, {Messages} messages",
            report.ReportId, report.OrgName, report.Policy.Domain, report.Rows.Count, report.Rows.Sum(r => (long)r.Count));
        return new DmarcReceipt(stored.Id, report.OrgName, report.ReportId, report.Policy.Domain, Duplicate: false);
    }

    private DmarcReceipt Duplicate(AggregateReport report)
    {
        logger.LogInformation("DMARC report {ReportId} from {Org} was stored before; not counted again", report.ReportId, report.OrgName);
        return new DmarcReceipt(null, report.OrgName, report.ReportId, report.Policy.Domain, Duplicate: true);
    }

    // The report's domain must be one of our sender domains, or a subdomain of one (a policy published
    // for a subdomain); anyone may name our address in their own rua=.
    private static async Task RequireManagedAsync(DashboardDbContext db, string domain, CancellationToken cancellationToken)
    {
        var candidates = ParentDomains(domain).ToList();
        if (!await db.SenderDomains.AnyAsync(d => candidates.Contains(d.Name), cancellationToken))
        {
            throw new DmarcReportException(DmarcProblem.UnknownDomain,
                $"The report is about {domain}, which is not one of our sender domains.");
        }
    }

    // shop.example for mail.shop.example, and the domain itself.
    private static IEnumerable<string> ParentDomains(string domain)
    {
        for (var at = domain; at.Contains('.'); at = at[(at.IndexOf('.') + 1)..])
        {
            yield return at;
        }
    }

    private static DmarcRecord Record(AggregateRow row, PublishedPolicy policy)
    {
        var judged = Alignment.Judge(row, policy);
        return new DmarcRecord
        {
            SourceIp = row.SourceIp,
            Count = row.Count,
            Disposition = row.Disposition,
            HeaderFrom = row.HeaderFrom,
            EnvelopeFrom = row.EnvelopeFrom,
            SpfResult = judged.Spf?.Result ?? "none",
            SpfDomain = judged.Spf?.Domain,
            SpfAligned = judged.SpfAligned,
            DkimResult = judged.Dkim?.Result ?? "none",
            DkimDomain = judged.Dkim?.Domain,
            DkimSelector = judged.Dkim?.Selector,
            DkimAligned = judged.DkimAligned,
            DmarcPass = judged.DmarcPass,
        };
    }
}

/// <summary>A report mail that was read: the stored report's id, or a duplicate of one stored before (null id).</summary>
public sealed record DmarcReceipt(long? Id, string OrgName, string ReportId, string Domain, bool Duplicate);
