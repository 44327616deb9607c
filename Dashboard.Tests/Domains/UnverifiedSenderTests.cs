using System.Net;
using Dashboard.Core.Integrations;
using Dashboard.Core.Sending;
using Dashboard.Core.Users;
using Dashboard.Tests.Api;
using Dashboard.Tests.Relay;
using Dashboard.Tests.Sending;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Dashboard.Tests.Domains;

/// <summary>
/// Mail from a domain that is not a verified sender domain: sent with a warning by default, refused on
/// every way in when Sending:RequireVerifiedDomain is set; a verified domain gets neither.
/// </summary>
public sealed class UnverifiedSenderTests
{
    private const string ApiMessage = """{"from":"news@other.example","to":["alice@example.com"],"subject":"Hi","text":"Hello"}""";

    private static readonly Actor Admin = new("admin@test.example", new HashSet<string> { Roles.Admin });

    [Fact]
    public async Task ByDefaultTheApiSendsAndWarns()
    {
        await using var h = await RelayHarness.StartAsync();
        var (client, _) = await h.KeyAsync(ApiScopes.Send);

        var response = await client.PostJsonAsync("/api/v1/messages", ApiMessage);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var warning = Assert.Single((await response.JsonAsync()).GetProperty("warnings").EnumerateArray()).GetString();
        Assert.Contains("other.example is not a sender domain", warning);
        Assert.Single(await h.SettledMessagesAsync(1));
    }

    [Fact]
    public async Task AVerifiedDomainSendsWithoutWarnings()
    {
        await using var dns = new LoopbackDnsServer();
        await using var h = await RelayHarness.StartAsync(new() { ["Domains:NameServers:0"] = dns.Endpoint, ["Sending:RequireVerifiedDomain"] = "true" });
        await VerifyAsync(h, dns, "shop.example");
        var (client, _) = await h.KeyAsync(ApiScopes.Send);

        var response = await client.PostJsonAsync("/api/v1/messages", ApiMessage.Replace("other.example", "shop.example"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty((await response.JsonAsync()).GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public async Task RequiredVerificationRefusesTheApiTheSendPageAndTheRelay()
    {
        await using var dns = new LoopbackDnsServer();
        await using var h = await RelayHarness.StartAsync(new() { ["Domains:NameServers:0"] = dns.Endpoint, ["Sending:RequireVerifiedDomain"] = "true" });
        // Added but failing (nothing published) is not verified either.
        await h.App.Services.GetRequiredService<Dashboard.Core.Domains.SenderDomainService>().AddAsync("shop.example", Admin);
        var (client, _) = await h.KeyAsync(ApiScopes.Send);
        await h.CredentialAsync();

        var api = await client.PostJsonAsync("/api/v1/messages", ApiMessage);
        var page = await Assert.ThrowsAsync<SendValidationException>(() => h.App.Services.GetRequiredService<SendService>()
            .SendAsync(new SendRequest("news@shop.example", ["alice@example.com"], "Hi", "Hello", null), Admin));
        var relay = await Assert.ThrowsAsync<SmtpCommandException>(() => SendThroughRelayAsync(h, "news@other.example"));

        Assert.Contains("other.example is not a sender domain", await api.FieldErrorAsync("from"));
        Assert.Equal(SendField.From, Assert.Single(page.Errors).Field);
        Assert.Contains("shop.example fails its DNS check (DKIM missing, SPF missing, DMARC missing)", page.Message);
        Assert.Equal(SmtpStatusCode.MailboxUnavailable, relay.StatusCode);
        Assert.Contains("other.example is not a sender domain", relay.Message);
        Assert.Empty(await h.MessagesAsync());
    }

    /// <summary>Adds <paramref name="domain"/> and publishes everything it asks for, so its check passes.</summary>
    internal static async Task VerifyAsync(RelayHarness h, LoopbackDnsServer dns, string domain)
    {
        var domains = h.App.Services.GetRequiredService<Dashboard.Core.Domains.SenderDomainService>();
        var added = await domains.AddAsync(domain, Admin);
        foreach (var record in added.Records.Where(r => r.Record.Type == "TXT"))
        {
            dns.Txt(record.Record.Name, record.Record.Value);
        }
        var checkedNow = await domains.CheckNowAsync(added.Id, Admin);
        Assert.Equal(Dashboard.Core.Domains.DomainCheckState.Passing, checkedNow!.State);
    }

    private static async Task SendThroughRelayAsync(RelayHarness h, string from)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse("alice@example.com"));
        message.Subject = "Hi";
        message.Body = new TextPart("plain") { Text = "Hello" };
        using var smtp = new SmtpClient();
        smtp.ServerCertificateValidationCallback = (_, _, _, _) => true;
        await smtp.ConnectAsync("127.0.0.1", h.Relay.Port, SecureSocketOptions.StartTls);
        await smtp.AuthenticateAsync("shop", RelayHarness.Password);
        await smtp.SendAsync(message);
    }
}
