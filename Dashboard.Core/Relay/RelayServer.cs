using System.Net;
using System.Security.Cryptography.X509Certificates;
using Dashboard.Core.Integrations;
using Dashboard.Core.Sending;
using Dashboard.Core.Smtp;
using Dashboard.Core.Submissions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmtpServer;

namespace Dashboard.Core.Relay;

/// <summary>
/// The authenticated SMTP relay: a sending application signs in with an SMTP credential (AUTH PLAIN
/// or LOGIN, after STARTTLS unless the listener is on loopback) and submits mail, which the pipeline
/// stores durably (250 only after the commit), sends with our signed return path, and classifies.
/// </summary>
public sealed class RelayServer(
    IOptions<RelayOptions> options,
    IOptions<SendingOptions> sending,
    IHostEnvironment environment,
    IntegrationService integrations,
    SubmissionService submissions,
    ILogger<RelayServer> logger) : IHostedService, IAsyncDisposable
{
    private readonly SmtpListener _listener = new();
    private readonly RelayRateLimiter _rates = new();
    private X509Certificate2? _certificate;
    private int _port = options.Value.Port;

    /// <summary>The address it listens on.</summary>
    public string Address => options.Value.Address;

    /// <summary>The port it listens on (chosen at start when configured as 0).</summary>
    public int Port => _port;

    /// <summary>True while it listens (false when disabled or when it could not bind).</summary>
    public bool IsListening => _listener.IsListening;

    /// <summary>True when STARTTLS is offered.</summary>
    public bool OffersStartTls => _certificate is not null;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            return Task.CompletedTask;
        }
        _certificate = RelayCertificate.Load(o, environment.IsDevelopment());
        if (_port == 0)
        {
            _port = SmtpListener.FreePort();
        }
        var serverOptions = new SmtpServerOptionsBuilder()
            .ServerName(sending.Value.HeloName)
            // SIZE is advertised and checked at MAIL FROM; the store refuses a bigger DATA with 552.
            // (SmtpServer's Strict handling drops the session without any reply, which clients retry.)
            .MaxMessageSize(sending.Value.MaxMessageBytes, MaxMessageSizeHandling.Ignore)
            .MaxRetryCount(20)
            .MaxAuthenticationAttempts(3)
            .Endpoint(e =>
            {
                e.Endpoint(new IPEndPoint(IPAddress.Parse(o.Address), _port))
                    .AuthenticationRequired()
                    .AllowUnsecureAuthentication(o.AuthWithoutTls)
                    .SessionTimeout(TimeSpan.FromSeconds(o.SessionTimeoutSeconds));
                if (_certificate is not null)
                {
                    e.Certificate(_certificate);
                }
            })
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new NoDelayListenerFactory());
        services.Add(new RelayAuthenticator(integrations, logger));
        services.Add(new RelayMailboxFilter(_rates, sending.Value.MaxRecipients));
        services.Add(new RelayMessageStore(submissions, sending.Value.MaxMessageBytes));
        if (_listener.Start(serverOptions, services))
        {
            logger.LogInformation("SMTP relay on {Address}:{Port} (STARTTLS {Tls}, AUTH before TLS {Plain})",
                o.Address, _port, OffersStartTls ? "offered" : "not offered: no certificate", o.AuthWithoutTls ? "allowed" : "refused");
        }
        else
        {
            logger.LogError(_listener.Failure, "The SMTP relay could not listen on {Address}:{Port}", o.Address, _port);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _listener.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _listener.DisposeAsync();
        _rates.Dispose();
        _certificate?.Dispose();
    }
}
