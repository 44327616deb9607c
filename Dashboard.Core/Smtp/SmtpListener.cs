using System.Net;
using System.Net.Sockets;
using SmtpServer;

namespace Dashboard.Core.Smtp;

/// <summary>
/// One SmtpServer run from start to stop: what the sandbox and the inbound bounce listener share.
/// The owner builds the options and services; this starts the server, says whether it listens,
/// and stops it once however often it is stopped or disposed.
/// </summary>
internal sealed class SmtpListener : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;
    private bool _started;
    private int _disposed;

    /// <summary>True from a successful start until the server stops (or fails later on).</summary>
    public bool IsListening => _started && !_running.IsCompleted;

    /// <summary>Why the start failed, when it did.</summary>
    public Exception? Failure => _running.Exception?.GetBaseException();

    /// <summary>Starts listening; false when the endpoint could not be bound (see <see cref="Failure"/>).</summary>
    public bool Start(ISmtpServerOptions options, SmtpServer.ComponentModel.ServiceProvider services)
    {
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
        _started = !_running.IsFaulted;
        return _started;
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

    // Owners are disposed twice by the container (as themselves and as the hosted service).
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stop.Dispose();
        }
    }

    /// <summary>A port on 127.0.0.1 that is free right now.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
