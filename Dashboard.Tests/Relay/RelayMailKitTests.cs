using System.Text;
using Dashboard.Core.Messages;
using Dashboard.Core.Suppressions;
using Dashboard.Core.Users;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Dashboard.Tests.Relay;

/// <summary>Relay sessions from MailKit, the client most .NET senders use.</summary>
public sealed class RelayMailKitTests
{
    [Fact]
    public async Task StartTlsAuthAndSendStoresOneMessagePerRecipientAndSendsTheClientsBytes()
    {
        await using var h = await RelayHarness.StartAsync();
        await h.CredentialAsync();
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("news@shop.example"));
        message.To.Add(MailboxAddress.Parse("alice@example.com"));
        message.Cc.Add(MailboxAddress.Parse("carol@example.com"));
        message.Subject = "Spring sale";
        message.Headers.Add("X-Tag", "newsletter, spring");
        message.Headers.Add("DKIM-Signature", "v=1; a=rsa-sha256; d=shop.example; s=sel; h=from:to:subject; bh=abc=; b=def=");
        message.Body = new TextPart("plain") { Text = "Twenty percent off.\r\n.leading dot stays\r\n" };
        using var client = Client();

        await client.ConnectAsync("127.0.0.1", h.Relay.Port, SecureSocketOptions.StartTls);
        Assert.True(client.IsSecure);
        await client.AuthenticateAsync("shop", RelayHarness.Password);
        // Bob is only in the envelope (Bcc).
        var reply = await client.SendAsync(message, MailboxAddress.Parse("news@shop.example"),
            [MailboxAddress.Parse("alice@example.com"), MailboxAddress.Parse("carol@example.com"), MailboxAddress.Parse("bob@example.com")]);
        await client.DisconnectAsync(true);

        Assert.StartsWith("2.0.0 Queued as ", reply);
        var messages = await h.SettledMessagesAsync(3);
        Assert.Equal(["alice@example.com", "bob@example.com", "carol@example.com"], messages.Select(m => m.Recipient).Order());
        Assert.All(messages, m =>
        {
            Assert.Equal(MessageStatus.Delivered, m.Status);
            Assert.Equal(MessageSource.Relay, m.Source);
            Assert.Equal("shop", m.SubmittedBy);
            Assert.Equal("newsletter,spring", m.Tags);
            Assert.Equal("Spring sale", m.Subject);
            Assert.Contains(m.PublicId, reply);
            Assert.Contains(m.Events, e => e.Type == MessageEventType.Queued && e.Detail!.Contains("credential \"shop\""));
        });
        // What the sink got is what MailKit wrote, byte for byte (so a DKIM signature stays valid);
        // only the envelope sender is ours.
        var sent = Encoding.UTF8.GetString(messages[0].Content!.Mime);
        Assert.Contains("DKIM-Signature:", sent);
        Assert.Contains("d=shop.example", sent);
        Assert.Contains("leading dot stays", sent);
        Assert.DoesNotContain("bob@example.com", sent);
        Assert.Equal(3, h.Sink.Received.Count);
        Assert.All(h.Sink.Received, r =>
        {
            // The sink, like our relay's SmtpServer, leaves out the CRLF before the final dot.
            Assert.Equal(messages[0].Content!.Mime, r.Raw.Concat("\r\n"u8.ToArray()).ToArray());
            Assert.StartsWith("bounces+", r.From);
        });
    }

    [Fact]
    public async Task AWrongPasswordIsRefusedAndADisabledCredentialCannotSignIn()
    {
        await using var h = await RelayHarness.StartAsync();
        var created = await h.CredentialAsync();
        using var client = Client();
        await client.ConnectAsync("127.0.0.1", h.Relay.Port, SecureSocketOptions.StartTls);

        var wrong = await Assert.ThrowsAsync<AuthenticationException>(() => client.AuthenticateAsync("shop", "not-the-password"));
        await h.Integrations.SetCredentialEnabledAsync(created.Credential.Id, false, Actor.System);
        var disabled = await Assert.ThrowsAsync<AuthenticationException>(() => client.AuthenticateAsync("shop", RelayHarness.Password));

        Assert.NotNull(wrong);
        Assert.NotNull(disabled);
        Assert.Empty(await h.MessagesAsync());
    }

    [Fact]
    public async Task WithoutTheLoopbackExceptionAuthIsOfferedOnlyAfterStartTls()
    {
        await using var h = await RelayHarness.StartAsync(new() { ["Relay:AllowPlainAuthOnLoopback"] = "false" });
        using var client = Client();

        await client.ConnectAsync("127.0.0.1", h.Relay.Port, SecureSocketOptions.None);
        var beforeTls = client.Capabilities;
        await client.DisconnectAsync(true);
        await client.ConnectAsync("127.0.0.1", h.Relay.Port, SecureSocketOptions.StartTls);

        Assert.False(beforeTls.HasFlag(SmtpCapabilities.Authentication));
        Assert.True(beforeTls.HasFlag(SmtpCapabilities.StartTLS));
        Assert.True(client.Capabilities.HasFlag(SmtpCapabilities.Authentication));
        Assert.Contains("PLAIN", client.AuthenticationMechanisms);
        Assert.Contains("LOGIN", client.AuthenticationMechanisms);
    }

    [Fact]
    public async Task ASuppressedRecipientIsAcceptedAndRecordedAsRejected()
    {
        await using var h = await RelayHarness.StartAsync();
        await h.CredentialAsync();
        await h.App.Services.GetRequiredService<SuppressionService>()
            .AddAsync(new AddSuppressionRequest("gone@example.com", SuppressionReason.Unsubscribe), Actor.System);
        using var client = await SignedInAsync(h);

        await client.SendAsync(Simple("news@shop.example", "gone@example.com", "alice@example.com"));

        var messages = await h.SettledMessagesAsync(2);
        Assert.Equal(MessageStatus.Rejected, messages.Single(m => m.Recipient == "gone@example.com").Status);
        Assert.Equal(MessageStatus.Delivered, messages.Single(m => m.Recipient == "alice@example.com").Status);
        Assert.Equal(["alice@example.com"], h.Sink.RecipientsSeen);
    }

    [Fact]
    public async Task OverTheRateLimitRcptGets451AndTheRestIsKept()
    {
        await using var h = await RelayHarness.StartAsync();
        await h.CredentialAsync(rate: 2);
        using var client = await SignedInAsync(h);

        await client.SendAsync(Simple("news@shop.example", "a@example.com", "b@example.com"));
        var ex = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(Simple("news@shop.example", "c@example.com")));

        Assert.Equal(451, (int)ex.StatusCode);
        Assert.Contains("4.7.1 Rate limit of 2 messages per minute", ex.Message);
        Assert.Equal(2, (await h.SettledMessagesAsync(2)).Count);
    }

    [Fact]
    public async Task EnvelopeChecksRefuseSenderDomainBadAddressAndTooManyRecipients()
    {
        await using var h = await RelayHarness.StartAsync(new() { ["Sending:MaxRecipients"] = "2" });
        await h.CredentialAsync(domains: "shop.example");
        using var client = await SignedInAsync(h);

        var sender = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(Simple("ceo@other.example", "a@example.com")));
        var many = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(Simple("news@shop.example", "a@example.com", "b@example.com", "c@example.com")));
        await client.SendAsync(Simple("news@sub.shop.example", "a@example.com"));

        Assert.Equal(553, (int)sender.StatusCode);
        Assert.Contains("may not send from other.example", sender.Message);
        Assert.Equal(452, (int)many.StatusCode);
        Assert.Single(await h.SettledMessagesAsync(1));
    }

    [Fact]
    public async Task WhenTheCommitFailsTheRelayAnswers451AndStoresNothing()
    {
        await using var h = await RelayHarness.StartAsync();
        await h.CredentialAsync();
        // The database refuses one recipient's row: the whole submission must go, not half of it.
        var factory = h.App.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Dashboard.Core.Data.DashboardDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database, db.Provider == Dashboard.Core.Data.DatabaseProvider.Sqlite
                ? "CREATE TRIGGER refuse BEFORE INSERT ON Messages WHEN NEW.Recipient = 'doomed@example.com' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;"
                : """
                  CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
                  BEGIN IF NEW."Recipient" = 'doomed@example.com' THEN RAISE EXCEPTION 'disk on fire'; END IF; RETURN NEW; END $$;
                  CREATE TRIGGER refuse BEFORE INSERT ON "Messages" FOR EACH ROW EXECUTE FUNCTION refuse();
                  """);
        }
        using var client = await SignedInAsync(h);

        var ex = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(Simple("news@shop.example", "fine@example.com", "doomed@example.com")));
        await client.SendAsync(Simple("news@shop.example", "later@example.com"));

        Assert.Equal(451, (int)ex.StatusCode);
        var messages = await h.SettledMessagesAsync(1);
        Assert.Equal(["later@example.com"], messages.Select(m => m.Recipient));
        await using var check = await factory.CreateDbContextAsync();
        Assert.Equal(1, await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(check.MessageContents));
    }

    private static SmtpClient Client() => new() { ServerCertificateValidationCallback = (_, _, _, _) => true, Timeout = 20_000 };

    private static async Task<SmtpClient> SignedInAsync(RelayHarness h)
    {
        var client = Client();
        await client.ConnectAsync("127.0.0.1", h.Relay.Port, SecureSocketOptions.StartTls);
        await client.AuthenticateAsync("shop", RelayHarness.Password);
        return client;
    }

    private static MimeMessage Simple(string from, params string[] to)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.AddRange(to.Select(MailboxAddress.Parse));
        message.Subject = "Hello";
        message.Body = new TextPart("plain") { Text = "Hi" };
        return message;
    }
}
