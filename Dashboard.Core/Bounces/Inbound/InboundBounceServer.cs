using System.Buffers;
using System.Net;
using Dashboard.Core.Sending;
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
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;
    private int _port = options.Value.Port;
    private int _disposed;

    /// <summary>The address it listens on.</summary>
    public string Address => options.Value.Address;

    /// <summary>The port it listens on (chosen at start when configured as 0).</summary>
    public int Port => _port;

    /// <summary>True once listening.</summary>
    public bool IsListening { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return Task.CompletedTask;
        }
        if (_port == 0)
        {
            _port = Sandbox.SandboxServer.FreePort();
        }
        var serverOptions = new SmtpServerOptionsBuilder()
            .ServerName(returnPath.Domain)
            .MaxRetryCount(20)
            .MaxMessageSize(options.Value.MaxMessageBytes)
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Parse(options.Value.Address), _port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new BounceDomainFilter(returnPath));
        services.Add(new ProcessingStore(processor, logger));
        _running = new SmtpServer.SmtpServer(serverOptions, services).StartAsync(_stop.Token);
        if (_running.IsFaulted)
        {
            logger.LogError(_running.Exception, "The inbound bounce listener could not listen on {Address}:{Port}", options.Value.Address, _port);
        }
        else
        {
            IsListening = true;
            logger.LogInformation("Inbound bounce listener on {Address}:{Port} for {Domain}", options.Value.Address, _port, returnPath.Domain);
        }
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.Net.Sockets.SocketException)
        {
            // Stopping.
        }
        IsListening = false;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stop.Dispose();
        }
    }

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
