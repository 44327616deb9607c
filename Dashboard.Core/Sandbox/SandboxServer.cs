using System.Net;
using Dashboard.Core.Smtp;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmtpServer;

namespace Dashboard.Core.Sandbox;

/// <summary>
/// The sandbox's SMTP server on 127.0.0.1, answering from <see cref="SandboxAddresses"/>. Also used
/// by the tests as the real server on loopback.
/// </summary>
public sealed class SandboxServer(IOptions<SandboxOptions> options, ILogger<SandboxServer> logger) : IHostedService, IAsyncDisposable
{
    private readonly SmtpListener _listener = new();
    private int _port = options.Value.Port;

    /// <summary>The port it listens on (chosen at start when configured as 0).</summary>
    public int Port => _port;

    /// <summary>True while it listens (false when disabled or when it could not bind).</summary>
    public bool IsListening => _listener.IsListening;

    /// <summary>Called for every accepted message (the forwarding and complaining mailboxes use it).</summary>
    public Func<SandboxDelivery, Task>? OnAccepted { get; set; }

    /// <summary>A port on 127.0.0.1 that nothing listens on: "the host that is down".</summary>
    public int ClosedPort { get; } = SmtpListener.FreePort();

    /// <summary>Starts listening (returns once the socket is bound).</summary>
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
            .ServerName(options.Value.ServerName)
            // Real servers keep a session open across many refused commands; the library closes it after 5.
            .MaxRetryCount(10_000)
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, _port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new SandboxMailboxFilter());
        services.Add(new SandboxMessageStore(d => OnAccepted?.Invoke(d) ?? Task.CompletedTask));
        if (_listener.Start(serverOptions, services))
        {
            logger.LogInformation("Sandbox SMTP server listening on 127.0.0.1:{Port}", _port);
        }
        else
        {
            logger.LogError(_listener.Failure, "The sandbox SMTP server could not listen on 127.0.0.1:{Port}", _port);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _listener.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}
