using System.Net.Http.Json;
using Dashboard.Core.Integrations;
using Dashboard.Core.Relay;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Dashboard.Core.Demo;

/// <summary>
/// The live demo's senders from outside: a MailKit client on the SMTP relay and an HttpClient on the
/// REST API, each signed in with the fixed Development credential and key, the way a customer's
/// shop or CRM would send.
/// </summary>
public sealed class DemoClients(IOptions<IntegrationOptions> integrations, RelayServer relay, IServiceProvider services) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>True when the relay listens and the demo credential is configured.</summary>
    public bool CanUseRelay => relay.IsListening && integrations.Value.DevelopmentRelayCredential?.Contains(':') == true;

    /// <summary>True when the demo key is configured and the web server has an HTTP address.</summary>
    public bool CanUseApi => integrations.Value.DevelopmentApiKey is not null && ApiBase() is not null;

    internal async Task SendThroughRelayAsync(DemoPlan plan, string tag, CancellationToken cancellationToken)
    {
        var (user, password) = integrations.Value.DevelopmentRelayCredential!.Split(':', 2) switch { [var u, var p] => (u, p), _ => ("", "") };
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(plan.From));
        message.To.AddRange(plan.To.Select(MailboxAddress.Parse));
        message.Subject = plan.Subject;
        message.Headers.Add("X-Tag", tag);
        message.Body = new TextPart("plain") { Text = plan.Body };
        using var client = new SmtpClient();
        // The Development certificate is self-signed: this client knows it is talking to itself.
        client.ServerCertificateValidationCallback = (_, _, _, _) => true;
        await client.ConnectAsync("127.0.0.1", relay.Port, relay.OffersStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
        await client.AuthenticateAsync(user, password, cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    internal async Task SendThroughApiAsync(DemoPlan plan, string tag, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(ApiBase()!, "api/v1/messages"))
        {
            Content = JsonContent.Create(new { from = plan.From, to = plan.To, subject = plan.Subject, text = plan.Body, tags = new[] { tag } }),
        };
        request.Headers.Authorization = new("Bearer", integrations.Value.DevelopmentApiKey);
        using var response = await _http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private Uri? ApiBase()
    {
        // The web server, when this host has one (the benchmarks host the Core alone).
        var address = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal));
        if (address is null)
        {
            return null;
        }
        // A wildcard binding is reachable on loopback.
        var uri = new UriBuilder(address.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1").Replace("://[::]", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1"));
        return new Uri(uri.Uri.GetLeftPart(UriPartial.Authority) + "/");
    }

    public void Dispose() => _http.Dispose();
}
