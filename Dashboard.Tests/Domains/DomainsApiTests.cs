using System.Net;
using Dashboard.Core.Integrations;
using Dashboard.Core.Domains;
using Dashboard.Tests.Api;
using Dashboard.Tests.Relay;
using Dashboard.Tests.Sending;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Domains;

/// <summary><c>GET /api/v1/domains</c> with a read key: each domain, its check results and the records to publish.</summary>
public sealed class DomainsApiTests
{
    [Fact]
    public async Task ListsEachDomainWithItsRecordsAndCheckResults()
    {
        await using var dns = new LoopbackDnsServer();
        await using var h = await RelayHarness.StartAsync(new() { ["Domains:NameServers:0"] = dns.Endpoint });
        await UnverifiedSenderTests.VerifyAsync(h, dns, "shop.example");
        var (reader, _) = await h.KeyAsync(ApiScopes.Read, name: "reader");
        var (sender, _) = await h.KeyAsync(ApiScopes.Send, name: "sender");

        var response = await reader.GetAsync("/api/v1/domains");
        var forbidden = await sender.GetAsync("/api/v1/domains");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var domain = Assert.Single((await response.JsonAsync()).GetProperty("data").EnumerateArray());
        Assert.Equal(("shop.example", "dash1", "passing"), (domain.GetProperty("name").GetString(), domain.GetProperty("selector").GetString(), domain.GetProperty("state").GetString()));
        var records = domain.GetProperty("records").EnumerateArray().ToList();
        var dkim = records.Single(r => r.GetProperty("kind").GetString() == "dkim");
        Assert.Equal("dash1._domainkey.shop.example", dkim.GetProperty("name").GetString());
        Assert.Equal("TXT", dkim.GetProperty("type").GetString());
        Assert.StartsWith("v=DKIM1; k=rsa; p=MII", dkim.GetProperty("value").GetString());
        Assert.Equal("found", dkim.GetProperty("status").GetString());
        Assert.Equal(["dkim", "spf", "dmarc", "mx"], records.Select(r => r.GetProperty("kind").GetString()));
        Assert.Equal("weak", records.Single(r => r.GetProperty("kind").GetString() == "dmarc").GetProperty("status").GetString());
        Assert.Equal("missing", records.Single(r => r.GetProperty("kind").GetString() == "mx").GetProperty("status").GetString());
        Assert.Equal(1, domain.GetProperty("spf_lookups").GetInt32());
        Assert.Equal("none", domain.GetProperty("dmarc_policy").GetString());
    }
}
