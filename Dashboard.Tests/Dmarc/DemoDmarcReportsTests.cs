using Dashboard.Core.Alerts;
using Dashboard.Core.Demo;
using Dashboard.Core.Dmarc;
using Dashboard.Tests.Alerts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Dmarc;

/// <summary>Issue 15, DMARC reports in the demo: two weeks of reports per sender domain, read once, with one unknown source that alerts.</summary>
public sealed class DemoDmarcReportsTests : IAsyncLifetime
{
    private readonly AlertHarness _harness = new();
    private DemoDmarcReports _demo = null!;

    public async Task InitializeAsync()
    {
        var receiver = new DmarcReportReceiver(_harness.Database.Factory, Options.Create(new DmarcOptions()), _harness.Pipeline.ReturnPath,
            _harness.Clock, NullLogger<DmarcReportReceiver>.Instance);
        _demo = new DemoDmarcReports(receiver, _harness.Database.Factory, _harness.Clock, Options.Create(new DemoOptions { Enabled = true }),
            NullLogger<DemoDmarcReports>.Instance);
        await DmarcFixtures.AddSenderDomainAsync(_harness.Database.Factory, "news.example");
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task TwoWeeksOfReportsAreReadOnceAndOnlyTheNewToolAlerts()
    {
        await _demo.MailReportsAsync(CancellationToken.None);
        await _demo.MailReportsAsync(CancellationToken.None);
        var today = new DateTimeOffset(_harness.Clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);

        var summary = await new DmarcQueryService(_harness.Database.Factory).SummarizeAsync("news.example", today.AddDays(-14), today);
        var (opened, _) = await _harness.Service.EvaluateAsync(notify: false);

        Assert.Equal(14, summary.Reports);
        Assert.Equal(["google.com", "yahoo.com"], summary.Orgs);
        Assert.Equal(["127.0.0.1", "198.51.100.25", "203.0.113.50"], summary.Sources.Select(s => s.SourceIp).Order());
        Assert.InRange(summary.AlignedShare, 0.8, 0.98);
        Assert.Equal(["203.0.113.50 as news.example"], opened.Where(a => a.Rule == AlertRule.UnknownDmarcSource).Select(a => a.Subject));
        await using var db = _harness.Database.CreateContext();
        Assert.Equal(0, await db.UnmatchedBounces.CountAsync());
    }
}
