using Dashboard.Core.Data;
using Dashboard.Core.Dmarc;
using Dashboard.Tests.Inbound;
using Dashboard.Tests.Sending;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Dashboard.Tests.Dmarc.DmarcFixtures;

namespace Dashboard.Tests.Dmarc;

/// <summary>
/// Issue 15, DMARC reports: receivers' report mail delivered over real SMTP sessions to the inbound
/// listener is stored, once; what cannot be read is kept on the Unmatched list with the reason.
/// </summary>
public sealed class DmarcInboundTests : IAsyncLifetime
{
    private const string ReportAddress = "dmarc@bounces.shop.example";
    private readonly LoopbackSmtpServer _relay = new();
    private PipelineHarness _pipeline = null!;
    private InboundHarness _inbound = null!;
    private DmarcReportReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _pipeline = new PipelineHarness(PipelineHarness.Smarthost(_relay.Port), signedReturnPath: true);
        _receiver = new DmarcReportReceiver(_pipeline.Database.Factory, Options.Create(new DmarcOptions()), _pipeline.ReturnPath,
            _pipeline.Clock, NullLogger<DmarcReportReceiver>.Instance);
        _inbound = new InboundHarness(_pipeline, dmarc: _receiver);
        await AddSenderDomainAsync(_pipeline.Database.Factory, Domain);
    }

    public async Task DisposeAsync()
    {
        await _inbound.DisposeAsync();
        await _pipeline.DisposeAsync();
        await _relay.DisposeAsync();
    }

    [Fact]
    public void TheReportAddressDefaultsToDmarcAtTheBounceDomain()
    {
        Assert.Equal(ReportAddress, _receiver.Address);
    }

    [Theory]
    [InlineData("zip")]
    [InlineData("gzip")]
    [InlineData("xml")]
    public async Task AReportInEachContainerIsStoredWithItsRecordsAndAlignment(string container)
    {
        var xml = Xml();
        var mail = container switch
        {
            "zip" => ZipMail(ReportAddress, xml),
            "gzip" => GzipMail(ReportAddress, xml, org: "google.com"),
            _ => XmlMail(ReportAddress, xml, org: "google.com"),
        };

        await _inbound.DeliverAsync(mail, ReportAddress, from: "noreply-dmarc-support@google.com");

        await using var db = _pipeline.Database.CreateContext();
        Assert.Equal(0, await db.UnmatchedBounces.CountAsync());
        var report = await db.DmarcReports.Include(r => r.Records).SingleAsync();
        Assert.Equal(("google.com", "5717107811868587391", Domain, "none"), (report.OrgName, report.ReportId, report.PolicyDomain, report.PolicyP));
        Assert.Equal((Begin, Begin.AddDays(1).AddSeconds(-1)), (report.PeriodBegin, report.PeriodEnd));
        Assert.Equal(PipelineHarness.Start, report.ReceivedAt);
        var records = report.Records.OrderBy(r => r.Id).ToList();
        Assert.Equal([OurIp, ForwarderIp, ToolIp], records.Select(r => r.SourceIp));
        Assert.Equal([120, 15, 40], records.Select(r => r.Count));
        Assert.Equal([true, false, false], records.Select(r => r.DmarcPass));
        Assert.Equal([true, false, false], records.Select(r => r.DkimAligned));
        Assert.Equal([true, false, false], records.Select(r => r.SpfAligned));
        Assert.Equal(["pass", "fail", "pass"], records.Select(r => r.DkimResult));
        Assert.Equal(["none", "none", "quarantine"], records.Select(r => r.Disposition));
        Assert.Equal(("crm-tool.example", "crm"), (records[2].DkimDomain, records[2].DkimSelector));
    }

    [Fact]
    public async Task AReportForASubdomainOfASenderDomainIsStored()
    {
        await _inbound.DeliverAsync(ZipMail(ReportAddress, Xml(domain: "mail.shop.example")), ReportAddress);

        await using var db = _pipeline.Database.CreateContext();
        Assert.Equal("mail.shop.example", (await db.DmarcReports.SingleAsync()).PolicyDomain);
        Assert.Equal(["mail.shop.example", Domain], await new DmarcQueryService(_pipeline.Database.Factory).ListDomainsAsync());
    }

    [Fact]
    public async Task AReportSentTwiceIsCountedOnce()
    {
        await _inbound.DeliverAsync(ZipMail(ReportAddress, Xml()), ReportAddress);
        await _inbound.DeliverAsync(ZipMail(ReportAddress, Xml()), ReportAddress);
        await _inbound.DeliverAsync(ZipMail(ReportAddress, Xml(reportId: "5717107811868587392", begin: Begin.AddDays(1))), ReportAddress);

        await using var db = _pipeline.Database.CreateContext();
        Assert.Equal(2, await db.DmarcReports.CountAsync());
        Assert.Equal(2 * 175, await db.DmarcRecords.SumAsync(r => r.Count));
        Assert.Equal(0, await db.UnmatchedBounces.CountAsync());
    }

    [Fact]
    public async Task TheSummaryShowsVolumeBySourceTheAlignedShareAndTheFailingSources()
    {
        await _inbound.DeliverAsync(ZipMail(ReportAddress, Xml()), ReportAddress);
        await _inbound.DeliverAsync(GzipMail(ReportAddress, Xml(org: "yahoo.com", reportId: "1772409600.shop.example",
            rows: [new Row(OurIp, 30, "none", Domain, "pass", "bounces.shop.example", "pass")]), org: "yahoo.com"), ReportAddress);
        var queries = new DmarcQueryService(_pipeline.Database.Factory);

        var summary = await queries.SummarizeAsync(Domain, Begin, Begin.AddDays(7));

        Assert.Equal(2, summary.Reports);
        Assert.Equal(["google.com", "yahoo.com"], summary.Orgs);
        Assert.Equal((205, 150), (summary.Messages, summary.Aligned));
        Assert.Equal(150.0 / 205, summary.AlignedShare, 6);
        Assert.Equal([OurIp, ToolIp, ForwarderIp], summary.Sources.Select(s => s.SourceIp));
        Assert.Equal(["google.com", "yahoo.com"], summary.Sources[0].Orgs);
        Assert.Equal([ToolIp, ForwarderIp], summary.Failing.Select(s => s.SourceIp));
        Assert.Equal(40, summary.Sources[1].Quarantined);
        Assert.Equal(PipelineHarness.Start, summary.Sources[0].FirstSeen);
        Assert.Equal([Domain], await queries.ListDomainsAsync());
        Assert.Equal(0, (await queries.SummarizeAsync(Domain, Begin.AddDays(1), Begin.AddDays(8))).Messages);
    }

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "not-xml", "DMARC report not stored: Not a well-formed XML report", "text/xml" },
        { "html", "DMARC report not stored: Not a DMARC aggregate report: the root element is <html>", "text/xml" },
        { "zip-bomb", "DMARC report not stored: The report expands past 100×", "application/zip" },
        { "gzip-bomb", "DMARC report not stored: The report expands past 100×", "application/gzip" },
        { "two-files", "DMARC report not stored: The zip attachment holds 2 files", "application/zip" },
        { "unknown-domain", "DMARC report not stored: The report is about someone-else.example, which is not one of our sender domains.", "application/zip" },
        { "no-attachment", "DMARC report not stored: No report attached", "" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task BadInputIsKeptOnTheUnmatchedListWithTheReasonAndTheListenerCarriesOn(string kind, string why, string contentType)
    {
        var attachment = kind switch
        {
            "not-xml" => Bytes("This is not XML at all: {\"json\": true}"),
            "html" => Bytes("<html><body>Hello</body></html>"),
            "zip-bomb" => ZipBomb(100L * 1024 * 1024),
            "gzip-bomb" => GzipBomb(100L * 1024 * 1024),
            "two-files" => Zip(("a.xml", Bytes(Xml())), ("b.xml", Bytes(Xml(reportId: "2")))),
            "unknown-domain" => Zip(("report.xml", Bytes(Xml(domain: "someone-else.example")))),
            _ => null,
        };

        await _inbound.DeliverAsync(Mail(ReportAddress, attachment, contentType, $"report-{kind}"), ReportAddress);
        await _inbound.DeliverAsync(ZipMail(ReportAddress, Xml()), ReportAddress);

        await using var db = _pipeline.Database.CreateContext();
        var kept = await db.UnmatchedBounces.SingleAsync();
        Assert.StartsWith(why, kept.Why);
        Assert.Equal(ReportAddress, kept.EnvelopeTo);
        Assert.Contains($"report-{kind}", kept.Subject);
        Assert.Equal(1, await db.DmarcReports.CountAsync());
    }

    [Fact]
    public async Task BounceMailToOtherAddressesStillGoesToTheBounceReader()
    {
        var dsn = InboundHarness.PostfixDsn("postmaster@bounces.shop.example", "who@destination.test", "nobody@shop.example", "550 5.1.1 User unknown");

        await _inbound.DeliverAsync(dsn, "postmaster@bounces.shop.example");

        await using var db = _pipeline.Database.CreateContext();
        Assert.DoesNotContain("DMARC", (await db.UnmatchedBounces.SingleAsync()).Why);
        Assert.Equal(0, await db.DmarcReports.CountAsync());
    }
}
