using System.Security.Cryptography;
using Dashboard.Core.Alerts;
using Dashboard.Core.Data;
using Dashboard.Core.Domains;
using Dashboard.Core.Users;
using Dashboard.Tests.Relay;
using Dashboard.Tests.Sending;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Domains;

/// <summary>Adding, checking and removing sender domains in the real app, its DNS on a loopback server.</summary>
public sealed class SenderDomainServiceTests : IAsyncLifetime
{
    private static readonly Actor Admin = new("admin@test.example", new HashSet<string> { Roles.Admin });
    private static readonly Actor Marketer = new("marketer@test.example", new HashSet<string> { Roles.Marketer });

    private readonly LoopbackDnsServer _dns = new();
    private RelayHarness _h = null!;

    private SenderDomainService Domains => _h.App.Services.GetRequiredService<SenderDomainService>();

    private SenderDomainQueries Queries => _h.App.Services.GetRequiredService<SenderDomainQueries>();

    public async Task InitializeAsync() => _h = await RelayHarness.StartAsync(new()
    {
        ["Domains:NameServers:0"] = _dns.Endpoint,
        ["Domains:DnsTimeoutSeconds"] = "2",
        ["Domains:Selector"] = "mail2026",
        ["ReturnPath:Domain"] = "bounces.shop.example",
    });

    [Fact]
    public async Task AddingMakesAnRsa2048KeyWhosePrivateHalfIsStoredEncrypted()
    {
        var added = await Domains.AddAsync("  Shop.Example. ", Admin);

        Assert.Equal(("shop.example", "mail2026"), (added.Name, added.Selector));
        var row = await RowAsync("shop.example");
        Assert.DoesNotContain("PRIVATE KEY", row.PrivateKeyProtected);
        using var rsa = RSA.Create();
        rsa.ImportFromPem(_h.App.Services.GetRequiredService<DkimKeys>().Unprotect(row.PrivateKeyProtected));
        Assert.Equal(2048, rsa.KeySize);
        Assert.Equal(row.PublicKey, Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo()));
        var dkim = added.Records.Single(r => r.Record.Kind == RecordKind.Dkim);
        Assert.Equal(("mail2026._domainkey.shop.example", $"v=DKIM1; k=rsa; p={row.PublicKey}"), (dkim.Record.Name, dkim.Record.Value));
        Assert.Equal("v=DMARC1; p=none; rua=mailto:dmarc@bounces.shop.example", added.Records.Single(r => r.Record.Kind == RecordKind.Dmarc).Record.Value);
    }

    [Fact]
    public async Task AddingChecksAtOnceAndTheCheckIsStored()
    {
        var added = await Domains.AddAsync("shop.example", Admin);

        Assert.Equal(DomainCheckState.Failing, added.State);
        Assert.NotNull(added.CheckedAt);
        Assert.All(added.Records, r => Assert.Equal(RecordStatus.Missing, r.Status));
        Assert.Equal(DomainCheckState.Failing, (await RowAsync("shop.example")).CheckState);
    }

    [Fact]
    public async Task ADuplicateOrSomethingThatIsNotADomainIsRefusedAndMarketersMayNotAdd()
    {
        await Domains.AddAsync("shop.example", Admin);

        Assert.Contains("already a sender domain", (await Assert.ThrowsAsync<SenderDomainException>(() => Domains.AddAsync("SHOP.example", Admin))).Message);
        Assert.Contains("not a domain name", (await Assert.ThrowsAsync<SenderDomainException>(() => Domains.AddAsync("not a domain", Admin))).Message);
        Assert.Contains("not a domain name", (await Assert.ThrowsAsync<SenderDomainException>(() => Domains.AddAsync("localhost", Admin))).Message);
        await Assert.ThrowsAsync<ForbiddenException>(() => Domains.AddAsync("app.example", Marketer));
        var id = (await Queries.ListAsync()).Single().Id;
        await Assert.ThrowsAsync<ForbiddenException>(() => Domains.RemoveAsync(id, Marketer));
        await Assert.ThrowsAsync<ForbiddenException>(() => Domains.CheckNowAsync(id, Marketer));
    }

    [Fact]
    public async Task TurningToFailingOpensAnAlertAndPassingAgainClosesIt()
    {
        var added = await Domains.AddAsync("shop.example", Admin);
        PublishAll(added);
        var passing = await Domains.CheckNowAsync(added.Id, Admin);
        Assert.Equal(DomainCheckState.Passing, passing!.State);
        Assert.Empty(await OpenDomainAlertsAsync());

        _dns.Clear($"mail2026._domainkey.shop.example");
        var failing = await Domains.CheckNowAsync(added.Id, Admin);

        Assert.Equal(DomainCheckState.Failing, failing!.State);
        var alert = Assert.Single(await OpenDomainAlertsAsync());
        Assert.Equal("shop.example", alert.Subject);
        Assert.Contains("DKIM missing", alert.Summary);

        PublishAll(added);
        await Domains.CheckNowAsync(added.Id, Admin);
        Assert.Empty(await OpenDomainAlertsAsync());
    }

    [Fact]
    public async Task RemovingADomainDropsItsKeySoItsMailIsNoLongerSigned()
    {
        var added = await Domains.AddAsync("shop.example", Admin);
        var signing = _h.App.Services.GetRequiredService<DkimSigning>();
        Assert.True((await signing.StatusOfAsync("news@shop.example")).Known);

        await Domains.RemoveAsync(added.Id, Admin);

        Assert.Empty(await Queries.ListAsync());
        Assert.False((await signing.StatusOfAsync("news@shop.example")).Known);
        Assert.Empty(await OpenDomainAlertsAsync());
    }

    [Fact]
    public async Task CheckDueChecksOnlyDomainsNotCheckedWithinADay()
    {
        await Domains.AddAsync("shop.example", Admin);
        await Domains.EnsureAsync(["app.example"]);

        Assert.Equal(1, await Domains.CheckDueAsync());
        Assert.Equal(0, await Domains.CheckDueAsync());
    }

    private void PublishAll(SenderDomainView domain)
    {
        foreach (var record in domain.Records.Where(r => r.Record.Type == "TXT"))
        {
            _dns.Clear(record.Record.Name).Txt(record.Record.Name, record.Record.Value);
        }
    }

    private async Task<SenderDomain> RowAsync(string name)
    {
        var factory = _h.App.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.SenderDomains.AsNoTracking().SingleAsync(d => d.Name == name);
    }

    private async Task<List<Alert>> OpenDomainAlertsAsync()
    {
        var factory = _h.App.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Alerts.AsNoTracking().Where(a => a.Rule == AlertRule.SenderDomainFailing && a.ClosedAt == null).ToListAsync();
    }

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        await _dns.DisposeAsync();
    }
}
