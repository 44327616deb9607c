using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Storage;

namespace Dashboard.Benchmarks.Relay;

/// <summary>
/// What the relay's two SMTP libraries manage here on their own, with nothing of ours in between: the
/// SmtpServer package accepting the same client's messages into a store that keeps nothing, and
/// MailKit sending the same message over the same number of connections into smtp-sink. Whatever the
/// relay does end to end cannot be faster than the slower of the two on the same cores.
/// </summary>
internal static class LibraryCeilings
{
    /// <summary>Messages per second SmtpServer accepts (AUTH PLAIN, then MAIL, RCPT and DATA per message) into a store that answers 250 at once.</summary>
    public static async Task<double> SmtpServerAloneAsync(int sessions, int messages, byte[] content,
        Func<int, string, byte[], int, int, Task> submit)
    {
        var port = Dashboard.Core.Smtp.SmtpListener.FreePort();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("ceiling.test")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)).AuthenticationRequired().AllowUnsecureAuthentication())
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Dashboard.Core.Relay.NoDelayListenerFactory()); // as the relay: no Nagle stall per reply
        services.Add(new AnyUser());
        services.Add(new KeepNothing());
        var server = new SmtpServer.SmtpServer(options, services);
        using var stop = new CancellationTokenSource();
        var running = server.StartAsync(stop.Token);
        await Task.Delay(200);
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Split(messages, sessions).Select((count, i) => submit(port, "any", content, count, i)));
        stopwatch.Stop();
        await stop.CancelAsync();
        server.Shutdown();
        await server.ShutdownTask.WaitAsync(TimeSpan.FromSeconds(10));
        await running.ContinueWith(_ => { }, TaskScheduler.Default);
        return messages / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>Messages per second MailKit sends into the sink over <paramref name="sessions"/> connections kept open (NoDelay, as the relay's pool).</summary>
    public static async Task<double> MailKitAloneAsync(int sinkPort, int sessions, int messages, byte[] content)
    {
        // The content ends with the DATA terminator; MimeKit wants the message alone.
        using var mime = MimeMessage.Load(new MemoryStream(content, 0, content.Length - 3));
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Split(messages, sessions).Select(async count =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(IPAddress.Loopback, sinkPort);
            using var client = new SmtpClient();
            await client.ConnectAsync(socket, "127.0.0.1", sinkPort, SecureSocketOptions.None);
            var from = new MailboxAddress("", "bench@shop.example");
            for (var i = 0; i < count; i++)
            {
                await client.SendAsync(mime, from, [new MailboxAddress("", $"r{i}@example.com")]);
            }
            await client.DisconnectAsync(true);
        }));
        stopwatch.Stop();
        return messages / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary><paramref name="messages"/> shared out over <paramref name="sessions"/> as evenly as they go.</summary>
    internal static int[] Split(int messages, int sessions) =>
        [.. Enumerable.Range(0, sessions).Select(i => messages / sessions + (i < messages % sessions ? 1 : 0))];

    private sealed class AnyUser : IUserAuthenticator
    {
        public Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken) =>
            Task.FromResult(true);
    }

    private sealed class KeepNothing : MessageStore
    {
        public override Task<SmtpServer.Protocol.SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken) =>
            Task.FromResult(SmtpServer.Protocol.SmtpResponse.Ok);
    }
}
