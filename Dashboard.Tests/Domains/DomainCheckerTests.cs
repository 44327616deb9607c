using Dashboard.Core.Domains;
using Dashboard.Core.Sending;
using Dashboard.Tests.Sending;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Domains;

/// <summary>The DNS checks against a real DNS server on loopback: each record found, missing or wrong, and SPF's lookup limit.</summary>
public sealed class DomainCheckerTests : IAsyncDisposable
{
    private const string Domain = "shop.example";
    private const string BounceDomain = "bounces.shop.example";

    private readonly LoopbackDnsServer _dns = new();
    private readonly DomainOptions _options;
    private readonly DomainChecker _checker;
    private readonly SenderDomain _domain;

    public DomainCheckerTests()
    {
        _options = new DomainOptions
        {
            NameServers = [_dns.Endpoint],
            DnsTimeoutSeconds = 2,
            SpfInclude = "spf.relay.test",
            InboundHost = "mx.shop.example",
        };
        var records = new DomainRecords(Options.Create(_options), Options.Create(new ReturnPathOptions { Domain = BounceDomain }), Options.Create(new Dashboard.Core.Dmarc.DmarcOptions()));
        _checker = new DomainChecker(Options.Create(_options), records);
        var (privateKey, publicKey) = new DkimKeys(new EphemeralDataProtectionProvider()).Create();
        _domain = new SenderDomain { Name = Domain, Selector = "dash1", PrivateKeyProtected = privateKey, PublicKey = publicKey };
        Records = records;
    }

    private DomainRecords Records { get; }

    [Fact]
    public async Task EveryRecordPublishedAsAskedPasses()
    {
        PublishAll();

        var result = await _checker.CheckAsync(_domain);

        Assert.Equal(RecordStatus.Found, result.Dkim.Status);
        Assert.Equal(RecordStatus.Found, result.Spf.Status);
        Assert.Equal(RecordStatus.Found, result.Dmarc.Status);
        Assert.Equal(RecordStatus.Found, result.Mx.Status);
        Assert.Equal(DomainCheckState.Passing, result.State);
        Assert.Equal(1, result.SpfLookups);
        Assert.Equal("reject", result.DmarcPolicy);
        Assert.Equal("", result.Failures);
    }

    [Fact]
    public async Task NothingPublishedIsMissingEverywhereAndFails()
    {
        var result = await _checker.CheckAsync(_domain);

        Assert.Equal(RecordStatus.Missing, result.Dkim.Status);
        Assert.Equal(RecordStatus.Missing, result.Spf.Status);
        Assert.Equal(RecordStatus.Missing, result.Dmarc.Status);
        Assert.Equal(RecordStatus.Missing, result.Mx.Status);
        Assert.Equal(DomainCheckState.Failing, result.State);
        Assert.Equal("DKIM missing, SPF missing, DMARC missing", result.Failures);
    }

    [Fact]
    public async Task WrongRecordsSayWhatWasFound()
    {
        var otherKey = new DkimKeys(new EphemeralDataProtectionProvider()).Create().PublicKey;
        _dns.Txt($"dash1._domainkey.{Domain}", DomainRecords.DkimValue(otherKey))
            .Txt(Domain, "v=spf1 ip4:198.51.100.1 ~all")
            .Txt(Domain, "google-site-verification=abc")
            .Txt($"_dmarc.{Domain}", "v=DMARC1; p=none; rua=mailto:someone@elsewhere.example")
            .Mx(BounceDomain, 10, "mx.other.example");

        var result = await _checker.CheckAsync(_domain);

        Assert.Equal(RecordStatus.Wrong, result.Dkim.Status);
        Assert.Contains(otherKey[..40], result.Dkim.Found);
        Assert.Equal(RecordStatus.Wrong, result.Spf.Status);
        Assert.Equal("v=spf1 ip4:198.51.100.1 ~all", result.Spf.Found);
        Assert.Contains("include:spf.relay.test", result.Spf.Detail);
        Assert.Equal(RecordStatus.Weak, result.Dmarc.Status);
        Assert.Equal("none", result.DmarcPolicy);
        Assert.Contains("Aggregate reports do not come to the dashboard", result.Dmarc.Detail);
        Assert.Equal(RecordStatus.Wrong, result.Mx.Status);
        Assert.Equal("mx.other.example", result.Mx.Found);
        Assert.Equal("DKIM wrong, SPF wrong", result.Failures);
    }

    [Fact]
    public async Task TwoSpfRecordsAreWrong()
    {
        PublishAll();
        _dns.Txt(Domain, "v=spf1 mx -all");

        var result = await _checker.CheckAsync(_domain);

        Assert.Equal(RecordStatus.Wrong, result.Spf.Status);
        Assert.Contains("2 SPF records", result.Spf.Detail);
    }

    [Fact]
    public async Task SpfOverTenLookupsIsWrongAndCountsNestedIncludes()
    {
        PublishAll();
        _dns.Clear(Domain);
        // 1 (include:spf.relay.test) + a + mx + include:chain1 → chain1 has 3 includes each with a, mx: 3 + 6 = 9 → 13.
        _dns.Txt(Domain, "v=spf1 include:spf.relay.test a mx include:chain1.test -all")
            .Txt("chain1.test", "v=spf1 include:c1.test include:c2.test include:c3.test -all")
            .Txt("c1.test", "v=spf1 a mx -all")
            .Txt("c2.test", "v=spf1 a mx -all")
            .Txt("c3.test", "v=spf1 a:x.test mx:y.test ip4:192.0.2.1 -all");

        var result = await _checker.CheckAsync(_domain);

        Assert.Equal(RecordStatus.Wrong, result.Spf.Status);
        Assert.Equal(13, result.SpfLookups);
        Assert.Contains("needs 13 DNS lookups", result.Spf.Detail);
        Assert.Equal(DomainCheckState.Failing, result.State);
    }

    [Fact]
    public async Task TenLookupsIsStillWithinTheLimit()
    {
        PublishAll();
        _dns.Clear(Domain);
        _dns.Txt(Domain, "v=spf1 include:spf.relay.test a mx ptr exists:%{i}.x.test include:n.test -all")
            .Txt("n.test", "v=spf1 a mx a:b.test mx:c.test -all");

        var result = await _checker.CheckAsync(_domain);

        Assert.Equal(10, result.SpfLookups);
        Assert.Equal(RecordStatus.Found, result.Spf.Status);
    }

    [Fact]
    public async Task TheRecordsToPublishNameTheKeyTheIncludeAndTheReportAddress()
    {
        var records = Records.For(_domain);

        Assert.Collection(records,
            dkim => Assert.Equal((RecordKind.Dkim, "dash1._domainkey.shop.example", "TXT", $"v=DKIM1; k=rsa; p={_domain.PublicKey}"), (dkim.Kind, dkim.Name, dkim.Type, dkim.Value)),
            spf => Assert.Equal((RecordKind.Spf, Domain, "TXT", "v=spf1 include:spf.relay.test ~all"), (spf.Kind, spf.Name, spf.Type, spf.Value)),
            dmarc => Assert.Equal((RecordKind.Dmarc, "_dmarc.shop.example", "TXT", "v=DMARC1; p=none; rua=mailto:dmarc@bounces.shop.example"), (dmarc.Kind, dmarc.Name, dmarc.Type, dmarc.Value)),
            mx => Assert.Equal((RecordKind.Mx, BounceDomain, "MX", "10 mx.shop.example."), (mx.Kind, mx.Name, mx.Type, mx.Value)));
    }

    private void PublishAll()
    {
        foreach (var record in Records.For(_domain).Where(r => r.Type == "TXT"))
        {
            _dns.Txt(record.Name, record.Kind == RecordKind.Dmarc ? "v=DMARC1; p=reject; rua=mailto:dmarc@bounces.shop.example" : record.Value);
        }
        _dns.Txt("spf.relay.test", "v=spf1 ip4:203.0.113.0/24 -all")
            .Mx(BounceDomain, 10, "mx.shop.example");
    }

    public ValueTask DisposeAsync() => _dns.DisposeAsync();
}
