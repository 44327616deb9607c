using System.Net.Sockets;
using System.Text;

namespace Dashboard.Tests.Inbound;

/// <summary>
/// A bare SMTP client over a socket, for what a well-behaved client library will not do: stream more
/// than the limit without declaring SIZE, sit idle, hold many sessions.
/// </summary>
internal sealed class RawSmtpClient : IAsyncDisposable
{
    private readonly TcpClient _tcp = new();
    private NetworkStream _stream = null!;
    private StreamReader _reader = null!;

    public static async Task<RawSmtpClient> ConnectAsync(string host, int port)
    {
        var client = new RawSmtpClient();
        await client._tcp.ConnectAsync(host, port);
        client._stream = client._tcp.GetStream();
        client._reader = new StreamReader(client._stream, Encoding.ASCII);
        return client;
    }

    public NetworkStream Stream => _stream;

    /// <summary>
    /// The next whole reply (all its lines), or null when the server closed the connection.
    /// Throws <see cref="TimeoutException"/> when the server neither answers nor closes in time.
    /// </summary>
    public async Task<string?> ReadReplyAsync(TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(20));
        var reply = new StringBuilder();
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(timeout.Token);
            }
            catch (IOException)
            {
                line = null;
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No reply and no close within {within ?? TimeSpan.FromSeconds(20)}.");
            }
            if (line is null)
            {
                return reply.Length == 0 ? null : reply.ToString();
            }
            reply.AppendLine(line);
            if (line.Length < 4 || line[3] != '-')
            {
                return reply.ToString();
            }
        }
    }

    public async Task<string?> CommandAsync(string command)
    {
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"));
        return await ReadReplyAsync();
    }

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
