using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Dashboard.Tests.Support;

/// <summary>
/// A real SMTP server (SmtpServer package) on 127.0.0.1 at a free port, scripted per test: what to
/// answer at RCPT TO and after DATA, and whether DATA waits (to watch a page while it sends). Records
/// every RCPT TO it saw, every message and every session. The one copy every test uses.
/// </summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private int _sessions;
    private TaskCompletionSource? _hold;

    public LoopbackSmtpServer()
    {
        Port = FreePort();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("mx.loopback.test")
            .MaxRetryCount(1000)
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Filter(this));
        services.Add(new Store(this));
        var server = new SmtpServer.SmtpServer(options, services);
        server.SessionCreated += (_, _) => Interlocked.Increment(ref _sessions);
        _running = server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>Answer to RCPT TO for an address; null accepts.</summary>
    public Func<string, SmtpResponse?> OnRecipient { get; set; } = _ => null;

    /// <summary>Answer after DATA for the accepted recipients; null accepts.</summary>
    public Func<IReadOnlyList<string>, SmtpResponse?> OnData { get; set; } = _ => null;

    /// <summary>Every RCPT TO address, in order.</summary>
    public ConcurrentQueue<string> RecipientsSeen { get; } = new();

    /// <summary>Every message accepted, as (recipients, raw MIME).</summary>
    public ConcurrentQueue<(IReadOnlyList<string> To, byte[] Raw, string From)> Received { get; } = new();

    public int Sessions => Volatile.Read(ref _sessions);

    /// <summary>Makes DATA wait until <see cref="Release"/>.</summary>
    public void Hold() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _hold?.TrySetResult();

    public static SmtpResponse Reply(int code, string text) => new((SmtpReplyCode)code, text);

    public static int FreePort() => Dashboard.Core.Smtp.SmtpListener.FreePort();

    public async ValueTask DisposeAsync()
    {
        Release();
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch
        {
            // Stopping.
        }
        _stop.Dispose();
    }

    private sealed class Filter(LoopbackSmtpServer server) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            var address = to.AsAddress();
            server.RecipientsSeen.Enqueue(address);
            if (server.OnRecipient(address) is { } refusal)
            {
                throw new SmtpResponseException(refusal);
            }
            return Task.FromResult(true);
        }
    }

    private sealed class Store(LoopbackSmtpServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (server._hold is { } hold)
            {
                await hold.Task.WaitAsync(cancellationToken);
            }
            var to = transaction.To.Select(t => t.AsAddress()).ToList();
            if (server.OnData(to) is { } refusal)
            {
                return refusal;
            }
            server.Received.Enqueue((to, buffer.ToArray(), transaction.From.AsAddress()));
            return new SmtpResponse(SmtpReplyCode.Ok, "2.0.0 OK queued as 4F2A9C1B");
        }
    }
}
