using System.Net;
using System.Net.Sockets;
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
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;
    private int _port = options.Value.Port;
    private int _disposed;

    /// <summary>The port it listens on (chosen at start when configured as 0).</summary>
    public int Port => _port;

    /// <summary>Called for every accepted message (the forwarding and complaining mailboxes use it).</summary>
    public Func<SandboxDelivery, Task>? OnAccepted { get; set; }

    /// <summary>A port on 127.0.0.1 that nothing listens on: "the host that is down".</summary>
    public int ClosedPort { get; } = FreePort();

    /// <summary>Starts listening (returns once the socket is bound).</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return Task.CompletedTask;
        }
        if (_port == 0)
        {
            _port = FreePort();
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
        var server = new SmtpServer.SmtpServer(serverOptions, services);
        _running = server.StartAsync(_stop.Token);
        if (_running.IsFaulted)
        {
            logger.LogError(_running.Exception, "The sandbox SMTP server could not listen on 127.0.0.1:{Port}", _port);
        }
        else
        {
            logger.LogInformation("Sandbox SMTP server listening on 127.0.0.1:{Port}", _port);
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
        catch (Exception ex) when (ex is OperationCanceledException or SocketException)
        {
            // Stopping.
        }
    }

    // The container disposes it twice (as itself and as the hosted service it is registered as).
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stop.Dispose();
        }
    }

    internal static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
