using System.Collections.Concurrent;
using Dashboard.Core.Sending;
using MailKit.Security;

namespace Dashboard.Core.Smtp;

/// <summary>
/// Keeps connected, greeted (and authenticated) clients for one endpoint, so consecutive messages
/// skip the TCP, EHLO, TLS and AUTH round trips. A client is used by one transaction at a time.
/// </summary>
/// <remarks>
/// <paramref name="certificateValidation"/> replaces the default certificate check (opportunistic
/// TLS between mail servers accepts any certificate rather than falling back to plain text).
/// </remarks>
internal sealed class SmtpConnectionPool(
    SmtpEndpoint endpoint, string heloName, int maxIdle, TimeSpan timeout, TimeProvider time,
    System.Net.Security.RemoteCertificateValidationCallback? certificateValidation = null) : IAsyncDisposable
{
    // Servers drop idle sessions after a few minutes; do not hand out connections older than this.
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(2);

    private readonly ConcurrentBag<RecordingSmtpClient> _idle = [];

    public SmtpEndpoint Endpoint => endpoint;

    /// <summary>An idle connected client, or a new one. Throws when the connection cannot be made.</summary>
    public async Task<(RecordingSmtpClient Client, bool Reused)> RentAsync(CancellationToken cancellationToken)
    {
        while (_idle.TryTake(out var idle))
        {
            if (idle.IsConnected && time.GetUtcNow() - idle.OpenedAt < MaxAge)
            {
                return (idle, true);
            }
            await DiscardAsync(idle);
        }
        return (await ConnectAsync(cancellationToken), false);
    }

    /// <summary>Gives a healthy client back; one that is broken or surplus is closed.</summary>
    public async Task ReturnAsync(RecordingSmtpClient client)
    {
        if (client.IsConnected && _idle.Count < maxIdle)
        {
            _idle.Add(client);
            return;
        }
        await DiscardAsync(client);
    }

    public static async Task DiscardAsync(RecordingSmtpClient client)
    {
        try
        {
            if (client.IsConnected)
            {
                using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await client.DisconnectAsync(true, quit.Token);
            }
        }
        catch
        {
            // Closing a broken connection may fail; it is going away anyway.
        }
        client.Dispose();
    }

    private async Task<RecordingSmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new RecordingSmtpClient
        {
            OpenedAt = time.GetUtcNow(),
            LocalDomain = heloName,
            Timeout = (int)timeout.TotalMilliseconds,
        };
        try
        {
            using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            connectTimeout.CancelAfter(timeout);
            if (certificateValidation is not null)
            {
                client.ServerCertificateValidationCallback = certificateValidation;
            }
            // Our own socket, with Nagle's algorithm off: SMTP is a chain of small request/reply turns,
            // and Nagle holding a command back until the server's delayed ACK costs ~40 ms a message.
            var socket = endpoint.Address is { } address
                ? new System.Net.Sockets.Socket(address.AddressFamily, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp)
                : new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            socket.NoDelay = true;
            try
            {
                await (endpoint.Address is { } ip
                    ? socket.ConnectAsync(ip, endpoint.Port, connectTimeout.Token)
                    : socket.ConnectAsync(endpoint.Host, endpoint.Port, connectTimeout.Token));
            }
            catch
            {
                socket.Dispose();
                throw;
            }
            await client.ConnectAsync(socket, endpoint.Host, endpoint.Port, ToMailKit(endpoint.Tls), connectTimeout.Token);
            if (!string.IsNullOrEmpty(endpoint.UserName))
            {
                await client.AuthenticateAsync(endpoint.UserName, endpoint.Password ?? "", connectTimeout.Token);
            }
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static SecureSocketOptions ToMailKit(SmtpTlsMode mode) => mode switch
    {
        SmtpTlsMode.None => SecureSocketOptions.None,
        SmtpTlsMode.StartTls => SecureSocketOptions.StartTls,
        SmtpTlsMode.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    /// <summary>Idle connections held now.</summary>
    public int IdleCount => _idle.Count;

    /// <summary>Closes idle connections too old to be handed out again (or already dropped by the server).</summary>
    public async Task TrimAsync()
    {
        var keep = new List<RecordingSmtpClient>();
        while (_idle.TryTake(out var idle))
        {
            if (idle.IsConnected && time.GetUtcNow() - idle.OpenedAt < MaxAge)
            {
                keep.Add(idle);
            }
            else
            {
                await DiscardAsync(idle);
            }
        }
        foreach (var client in keep)
        {
            _idle.Add(client);
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var client))
        {
            await DiscardAsync(client);
        }
    }
}
