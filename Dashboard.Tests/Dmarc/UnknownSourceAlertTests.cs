using Dashboard.Core.Alerts;
using Dashboard.Core.Bounces.Inbound;
using Dashboard.Core.Dmarc;
using Dashboard.Tests.Alerts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Dashboard.Tests.Dmarc.DmarcFixtures;

namespace Dashboard.Tests.Dmarc;

/// <summary>Issue 15, DMARC reports: an unknown source sending as our domain and failing alignment raises an alert through the alert rules.</summary>
public sealed class UnknownSourceAlertTests : IAsyncLifetime
{
    private readonly AlertHarness _harness = new(o => o.UnknownDmarcSourceMinimum = 20);
    private DmarcReportReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _receiver = new DmarcReportReceiver(_harness.Database.Factory, Options.Create(new DmarcOptions()), _harness.Pipeline.ReturnPath,
            _harness.Clock, NullLogger<DmarcReportReceiver>.Instance);
        await AddSenderDomainAsync(_harness.Database.Factory, Domain);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private Task ReceiveAsync(string xml) =>
        _receiver.ReceiveAsync(new InboundMail("noreply-dmarc-support@google.com", [_receiver.Address], Bytes(ZipMail(_receiver.Address, xml))));

    [Fact]
    public async Task ANewSourceFailingAlignmentAtTheThresholdOpensAnAlertNamingItAndTheDomain()
    {
        await ReceiveAsync(Xml());

        var (opened, _) = await _harness.Service.EvaluateAsync(notify: false);

        // The tool's 40 failing messages reach 20; the forwarder's 15 do not; our own aligned mail never counts.
        var alert = Assert.Single(opened);
        Assert.Equal(AlertRule.UnknownDmarcSource, alert.Rule);
        Assert.Equal(AlertSeverity.Warning, alert.Severity);
        Assert.Equal($"{ToolIp} as {Domain}", alert.Subject);
        Assert.Equal(40, alert.OpenedValue);
        Assert.StartsWith($"{ToolIp} sent 40 messages as shop.example that failed DMARC alignment; not seen before (reported by google.com; threshold 20).", alert.Summary);
    }

    [Fact]
    public async Task ASourceAlreadyNamedInAReportBeforeTheLastSevenDaysRaisesNothing()
    {
        await ReceiveAsync(Xml(rows: [new Row(ToolIp, 1, "none", "crm-tool.example", "pass", "mail.crm-tool.example", "pass")]));
        _harness.Clock.Advance(TimeSpan.FromDays(8));
        await ReceiveAsync(Xml(reportId: "later", begin: Begin.AddDays(8)));

        var (opened, _) = await _harness.Service.EvaluateAsync(notify: false);

        Assert.Empty(opened);
    }

    [Fact]
    public async Task TheAlertClosesByItselfOnceTheSourceHasBeenKnownForSevenDays()
    {
        await ReceiveAsync(Xml());
        var (opened, _) = await _harness.Service.EvaluateAsync(notify: false);
        _harness.Clock.Advance(TimeSpan.FromDays(1));

        var (_, stillOpen) = await _harness.Service.EvaluateAsync(notify: false);
        _harness.Clock.Advance(TimeSpan.FromDays(7));
        var (_, closed) = await _harness.Service.EvaluateAsync(notify: false);

        Assert.Single(opened);
        Assert.Empty(stillOpen);
        Assert.Equal(opened[0].Id, Assert.Single(closed).Id);
        await using var db = _harness.Database.CreateContext();
        Assert.Equal(0, await db.Alerts.CountAsync(a => a.ClosedAt == null));
    }
}
