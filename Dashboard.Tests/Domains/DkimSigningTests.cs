using System.Security.Cryptography;
using System.Text;
using Dashboard.Core.Data;
using Dashboard.Core.Domains;
using Dashboard.Core.Integrations;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Dashboard.Core.Users;
using Dashboard.Tests.Api;
using Dashboard.Tests.Relay;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using MimeKit.Cryptography;

namespace Dashboard.Tests.Domains;

/// <summary>
/// Mail from a sender domain leaves DKIM-signed with its key, checked by an independent verifier
/// (dkimpy) on what the receiving server got: from the Send page's pipeline, the API and the relay,
/// where the client's own signature must still verify under ours.
/// </summary>
public sealed class DkimSigningTests
{
    private static readonly Actor Admin = new("admin@test.example", new HashSet<string> { Roles.Admin });

    [Fact]
    public async Task SendPageMailIsSignedPerRecipientAndStoredAsSent()
    {
        await using var h = await RelayHarness.StartAsync();
        var keys = await AddDomainAsync(h, "shop.example");
        var send = h.App.Services.GetRequiredService<SendService>();

        await send.SendAsync(new SendRequest("News <news@shop.example>", ["alice@example.com", "bob@example.com"], "Spring sale",
            "Twenty percent off.\n.leading dot\nTrailing spaces   \n", "<p>Twenty percent off.</p>"), Admin);

        var messages = await h.SettledMessagesAsync(2);
        Assert.Equal(2, h.Sink.Received.Count);
        foreach (var received in h.Sink.Received)
        {
            var results = await DkimPy.VerifyAsync(received.Raw, keys);
            Assert.Equal([(true, "shop.example", "dash1")], results);
            // The verifier is not a rubber stamp: one changed word fails it.
            var tampered = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(received.Raw).Replace("Twenty percent", "Fifty percent"));
            Assert.Equal([(false, "shop.example", "dash1")], await DkimPy.VerifyAsync(tampered, keys));
        }
        Assert.All(messages, m =>
        {
            Assert.Equal(("shop.example", "dash1"), (m.DkimDomain, m.DkimSelector));
            var stored = RecipientCopiesJoin(m);
            Assert.StartsWith("DKIM-Signature:", Encoding.ASCII.GetString(stored));
            // What is stored is what was sent, signature included.
            Assert.Contains(h.Sink.Received, r => r.Raw.Concat("\r\n"u8.ToArray()).SequenceEqual(stored));
        });
    }

    [Fact]
    public async Task ApiMailIsSignedAndItsAnswerWarnsOfAnUncheckedDomain()
    {
        await using var h = await RelayHarness.StartAsync();
        var keys = await AddDomainAsync(h, "shop.example");
        var (client, _) = await h.KeyAsync(ApiScopes.Send | ApiScopes.Read);

        var response = await client.PostJsonAsync("/api/v1/messages",
            """{"from":"Shop <orders@shop.example>","to":["alice@example.com"],"cc":["carol@example.com"],"subject":"Your order","text":"It shipped.","html":"<b>It shipped.</b>","headers":{"List-Unsubscribe":"<mailto:u@shop.example>"}}""");

        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var answer = await response.JsonAsync();
        Assert.Contains("shop.example has not been checked yet", answer.GetProperty("warnings")[0].GetString());
        var stored = await h.SettledMessagesAsync(2);
        var detail = await (await client.GetAsync($"/api/v1/messages/{stored[0].PublicId}")).JsonAsync();
        Assert.Equal(("shop.example", "dash1"), (detail.GetProperty("dkim_domain").GetString(), detail.GetProperty("dkim_selector").GetString()));
        Assert.Equal(2, h.Sink.Received.Count);
        foreach (var received in h.Sink.Received)
        {
            Assert.Equal([(true, "shop.example", "dash1")], await DkimPy.VerifyAsync(received.Raw, keys));
            Assert.Contains("list-unsubscribe", SignedHeaders(received.Raw));
        }
    }

    [Fact]
    public async Task RelayMailKeepsTheClientsSignatureAndOursGoesOnTop()
    {
        await using var h = await RelayHarness.StartAsync();
        var keys = new Dictionary<string, string>(await AddDomainAsync(h, "shop.example"));
        await h.CredentialAsync();
        using var clientKey = RSA.Create(2048);
        keys["client1._domainkey.esp.example"] = DomainRecords.DkimValue(Convert.ToBase64String(clientKey.ExportSubjectPublicKeyInfo()));
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("news@shop.example"));
        message.To.Add(MailboxAddress.Parse("alice@example.com"));
        message.Subject = "Signed by the client";
        message.Date = DateTimeOffset.UtcNow;
        message.MessageId = "client-1@esp.example";
        message.Body = new TextPart("plain") { Text = "Hello from the ESP.\r\n.a leading dot\r\n" };
        using (var pem = new MemoryStream(Encoding.ASCII.GetBytes(clientKey.ExportPkcs8PrivateKeyPem())))
        {
            var signer = new DkimSigner(pem, "esp.example", "client1")
            {
                HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
                BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Simple,
            };
            message.Prepare(EncodingConstraint.SevenBit);
            signer.Sign(message, ["From", "To", "Subject", "Date", "Message-ID"]);
        }
        using var smtp = new SmtpClient();
        smtp.ServerCertificateValidationCallback = (_, _, _, _) => true;

        await smtp.ConnectAsync("127.0.0.1", h.Relay.Port, SecureSocketOptions.StartTls);
        await smtp.AuthenticateAsync("shop", RelayHarness.Password);
        await smtp.SendAsync(message);
        await smtp.DisconnectAsync(true);

        var stored = Assert.Single(await h.SettledMessagesAsync(1));
        Assert.Equal(MessageStatus.Delivered, stored.Status);
        Assert.Equal(("shop.example", "dash1"), (stored.DkimDomain, stored.DkimSelector));
        var received = Assert.Single(h.Sink.Received);
        var results = await DkimPy.VerifyAsync(received.Raw, keys);
        Assert.Equal([(true, "shop.example", "dash1"), (true, "esp.example", "client1")], results);
        Assert.Equal(stored.Content!.Mime, received.Raw.Concat("\r\n"u8.ToArray()).ToArray());
    }

    [Fact]
    public async Task MailFromADomainWithoutAKeyIsNotSigned()
    {
        await using var h = await RelayHarness.StartAsync();
        await AddDomainAsync(h, "shop.example");
        var send = h.App.Services.GetRequiredService<SendService>();

        await send.SendAsync(new SendRequest("news@other.example", ["alice@example.com"], "Hi", "Hello", null), Admin);

        var message = Assert.Single(await h.SettledMessagesAsync(1));
        Assert.Null(message.DkimDomain);
        Assert.DoesNotContain("DKIM-Signature", Encoding.ASCII.GetString(Assert.Single(h.Sink.Received).Raw));
    }

    /// <summary>Adds <paramref name="domain"/> (without a DNS check) and returns its key record as dkimpy looks it up.</summary>
    internal static async Task<IReadOnlyDictionary<string, string>> AddDomainAsync(RelayHarness h, string domain)
    {
        await h.App.Services.GetRequiredService<SenderDomainService>().EnsureAsync([domain]);
        var factory = h.App.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var row = await db.SenderDomains.AsNoTracking().SingleAsync(d => d.Name == domain);
        return new Dictionary<string, string> { [DomainRecords.DkimName(row)] = DomainRecords.DkimValue(row.PublicKey) };
    }

    private static byte[] RecipientCopiesJoin(Message m) => [.. m.Headers!, .. m.Content!.Mime];

    // The h= tag of the first (our) signature.
    private static IReadOnlyList<string> SignedHeaders(byte[] raw)
    {
        using var message = MimeMessage.Load(new MemoryStream(raw));
        var signature = message.Headers.First(x => x.Id == HeaderId.DkimSignature).Value;
        var tag = signature.Split(';').Select(t => t.Trim()).First(t => t.StartsWith("h=", StringComparison.Ordinal));
        return [.. tag[2..].Split(':').Select(x => x.Trim().ToLowerInvariant())];
    }
}
