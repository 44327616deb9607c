using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using Dashboard.Core.Bounces.Inbound;
using Dashboard.Core.Data;
using Dashboard.Core.Dmarc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Dashboard.Core.Demo;

/// <summary>
/// In the demo, the aggregate reports receivers would mail for each sender domain, one per day for the
/// last two weeks (google.com zipped, yahoo.com gzipped), read by the real DMARC reader: the sandbox's
/// own mail aligned, a mailing list that forwards (failing, as forwards do), and from two days ago a
/// CRM tool sending as the domain unaligned — an unknown source, so the alert opens. Reports already
/// stored are skipped, so a restart adds nothing twice.
/// </summary>
public sealed class DemoDmarcReports(
    DmarcReportReceiver receiver,
    IDbContextFactory<DashboardDbContext> dbFactory,
    TimeProvider time,
    IOptions<DemoOptions> options,
    ILogger<DemoDmarcReports> logger) : BackgroundService
{
    private const int Days = 14;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // The demo adds its sender domains as it starts: until then, look again shortly.
                var domains = await MailReportsAsync(stoppingToken);
                await Task.Delay(domains == 0 ? TimeSpan.FromSeconds(10) : TimeSpan.FromHours(6), time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Demo DMARC reports stopped");
        }
    }

    /// <summary>Receives the missing reports of the last <see cref="Days"/> days for every sender domain. Returns how many domains there are.</summary>
    internal async Task<int> MailReportsAsync(CancellationToken cancellationToken)
    {
        List<string> domains;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            domains = await db.SenderDomains.AsNoTracking().Select(d => d.Name).ToListAsync(cancellationToken);
        }
        var today = new DateTimeOffset(time.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        var stored = 0;
        foreach (var domain in domains)
        {
            for (var ago = Days; ago >= 1; ago--)
            {
                var day = today.AddDays(-ago);
                var org = ago % 2 == 0 ? "google.com" : "yahoo.com";
                var xml = Report(org, domain, day, ago);
                var receipt = await receiver.ReceiveAsync(new InboundMail($"noreply-dmarc-support@{org}", [receiver.Address],
                    Mail(org, domain, day, xml, receiver.Address)), cancellationToken);
                stored += receipt.Duplicate ? 0 : 1;
            }
        }
        if (stored > 0)
        {
            logger.LogInformation("Demo: {Count} DMARC aggregate reports read for {Domains}", stored, string.Join(", ", domains));
        }
        return domains.Count;
    }

    private static string Report(string org, string domain, DateTimeOffset day, int ago)
    {
        var random = new Random(domain.Length * 31 + ago);
        var rows = new List<XElement>
        {
            Row("127.0.0.1", 90 + random.Next(40), domain, (domain, "pass", "demo"), ($"bounces.{domain}", "pass")),
            Row("198.51.100.25", 2 + random.Next(5), domain, (domain, "fail", "demo"), ("lists.forwarder.example", "pass")),
        };
        if (ago <= 2)
        {
            rows.Add(Row("203.0.113.50", 30 + random.Next(10), domain, ("crm-tool.example", "pass", "crm"), ("mail.crm-tool.example", "pass")));
        }
        var feedback = new XElement("feedback",
            new XElement("report_metadata",
                new XElement("org_name", org),
                new XElement("email", $"noreply-dmarc-support@{org}"),
                new XElement("report_id", $"demo-{domain}-{day:yyyyMMdd}"),
                new XElement("date_range",
                    new XElement("begin", day.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
                    new XElement("end", day.AddDays(1).AddSeconds(-1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)))),
            new XElement("policy_published",
                new XElement("domain", domain), new XElement("adkim", "r"), new XElement("aspf", "r"),
                new XElement("p", "none"), new XElement("sp", "none"), new XElement("pct", "100")),
            rows);
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), feedback).ToString();
    }

    private static XElement Row(string ip, int count, string domain, (string Domain, string Result, string Selector) dkim, (string Domain, string Result) spf) =>
        new("record",
            new XElement("row",
                new XElement("source_ip", ip),
                new XElement("count", count),
                new XElement("policy_evaluated", new XElement("disposition", "none"),
                    new XElement("dkim", dkim.Result == "pass" && dkim.Domain == domain ? "pass" : "fail"),
                    new XElement("spf", "fail"))),
            new XElement("identifiers", new XElement("header_from", domain), new XElement("envelope_from", spf.Domain)),
            new XElement("auth_results",
                new XElement("dkim", new XElement("domain", dkim.Domain), new XElement("result", dkim.Result), new XElement("selector", dkim.Selector)),
                new XElement("spf", new XElement("domain", spf.Domain), new XElement("result", spf.Result))));

    // Google zips the XML; Yahoo gzips it.
    private static byte[] Mail(string org, string domain, DateTimeOffset day, string xml, string to)
    {
        var name = $"{org}!{domain}!{day.ToUnixTimeSeconds()}!{day.AddDays(1).AddSeconds(-1).ToUnixTimeSeconds()}";
        var content = Encoding.UTF8.GetBytes(xml);
        using var packed = new MemoryStream();
        if (org == "google.com")
        {
            using var zip = new ZipArchive(packed, ZipArchiveMode.Create, leaveOpen: true);
            using var entry = zip.CreateEntry(name + ".xml").Open();
            entry.Write(content);
        }
        else
        {
            using var gzip = new GZipStream(packed, CompressionLevel.Optimal, leaveOpen: true);
            gzip.Write(content);
        }
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse($"noreply-dmarc-support@{org}"));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = $"Report domain: {domain} Submitter: {org} Report-ID: demo-{domain}-{day:yyyyMMdd}";
        message.Body = new MimePart(org == "google.com" ? "application/zip" : "application/gzip")
        {
            Content = new MimeContent(new MemoryStream(packed.ToArray())),
            ContentTransferEncoding = ContentEncoding.Base64,
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            FileName = name + (org == "google.com" ? ".zip" : ".xml.gz"),
        };
        using var output = new MemoryStream();
        message.WriteTo(output);
        return output.ToArray();
    }
}
