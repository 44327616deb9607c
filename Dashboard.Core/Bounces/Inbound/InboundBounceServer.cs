using System.Buffers;
using System.Net;
using Dashboard.Core.Sending;
using Dashboard.Core.Smtp;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Dashboard.Core.Bounces.Inbound;

/// <summary>
/// The SMTP listener for the bounce domain: accepts mail to it (anything else is refused as relaying),
/// and hands every message to <see cref="InboundBounceProcessor"/>. Nothing accepted is dropped.
/// </summary>
public sealed class InboundBounceServer(
    IOptions<InboundOptions> options,
    ReturnPathSigner returnPath,
    InboundBounceProcessor processor,
    ILogger<InboundBounceServer> logger) : IHostedService, IAsyncDisposable
{
    private readonly SmtpListener _listener = new();
    private int _port = options.Value.Port;

    /// <summary>The address it listens on.</summary>
    public string Address => options.Value.Address;

    /// <summary>The port it listens on (chosen at start when configured as 0).</summary>
    public int Port => _port;

    /// <summary>True while it listens (false when disabled or when it could not bind).</summary>
    public bool IsListening => _listener.IsListening;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return Task.CompletedTask;
        }
        if (_port == 0)
        {
            _port = SmtpListener.FreePort();
        }
        var serverOptions = new SmtpServerOptionsBuilder()
            .ServerName(returnPath.Domain)
            .MaxRetryCount(20)
            // Strict: the size is counted while DATA is read, not only when a client declares SIZE.
            .MaxMessageSize(options.Value.MaxMessageBytes, MaxMessageSizeHandling.Strict)
            // Idle between commands; a session as a whole (a client trickling its DATA) is capped too.
            .CommandWaitTimeout(TimeSpan.FromSeconds(options.Value.IdleTimeoutSeconds))
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Parse(options.Value.Address), _port))
                .SessionTimeout(TimeSpan.FromMinutes(options.Value.MaxSessionMinutes)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new SessionsPerAddress(options.Value.MaxSessionsPerAddress));
        services.Add(new BounceDomainFilter(returnPath));
        services.Add(new ProcessingStore(processor, logger));
        if (_listener.Start(serverOptions, services))
        {
            logger.LogInformation("Inbound bounce listener on {Address}:{Port} for {Domain}", options.Value.Address, _port, returnPath.Domain);
        }
        else
        {
            logger.LogError(_listener.Failure, "The inbound bounce listener could not listen on {Address}:{Port}", options.Value.Address, _port);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _listener.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _listener.DisposeAsync();

    private sealed class BounceDomainFilter(ReturnPathSigner returnPath) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            if (!returnPath.IsBounceDomain(to.Host ?? ""))
            {
                throw new SmtpResponseException(new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "5.7.1 Relaying denied: this server only accepts mail for the bounce domain"));
            }
            return Task.FromResult(true);
        }
    }

    private sealed class ProcessingStore(InboundBounceProcessor processor, ILogger logger) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var from = transaction.From is { } f && !string.IsNullOrEmpty(f.User) ? f.AsAddress() : null;
            var mail = new InboundMail(from, [.. transaction.To.Select(t => t.AsAddress())], buffer.ToArray());
            try
            {
                await processor.ProcessAsync(mail, cancellationToken);
                return SmtpResponse.Ok;
            }
            catch (Exception ex)
            {
                // Not stored: say so, so the sender keeps it and tries again later.
                logger.LogError(ex, "Processing an inbound message failed");
                return new SmtpResponse(SmtpReplyCode.ServiceUnavailable, "4.3.0 Temporary failure, please try again later");
            }
        }
    }
}
