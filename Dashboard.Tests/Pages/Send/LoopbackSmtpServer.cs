using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Dashboard.Tests.Pages.Send;

/// <summary>
/// A real SMTP server on 127.0.0.1 for the Send page tests. Recipients whose local part is
/// "unknown" get a 550 5.1.1, "full" a 452 4.2.2; everyone else is accepted. DATA can be held
/// open to watch the page while it sends.
/// </summary>
internal sealed class LoopbackSmtpServer : IAsyncDisposable
{
    public const string UnknownUserReply = "5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos.";
    public const string MailboxFullReply = "4.2.2 The recipient's inbox is out of storage space. Please direct the recipient to try again later.";

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private TaskCompletionSource? _hold;

    public LoopbackSmtpServer()
    {
        Port = FreePort();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("mx.test")
            .MaxRetryCount(100)
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new ServiceProvider();
        services.Add(new Filter());
        services.Add(new Store(this));
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>Recipients of every message accepted after DATA.</summary>
    public ConcurrentQueue<IReadOnlyList<string>> Accepted { get; } = new();

    /// <summary>Makes DATA wait until <see cref="Release"/>.</summary>
    public void Hold() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _hold?.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        Release();
        await _stop.CancelAsync();
        try { await _running; } catch (OperationCanceledException) { }
    }

    private static int FreePort() => Dashboard.Core.Smtp.SmtpListener.FreePort();

    private sealed class Filter : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) =>
            Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            to.User switch
            {
                "unknown" => throw new SmtpResponseException(new SmtpResponse(SmtpReplyCode.MailboxUnavailable, UnknownUserReply)),
                "full" => throw new SmtpResponseException(new SmtpResponse((SmtpReplyCode)452, MailboxFullReply)),
                _ => Task.FromResult(true),
            };
    }

    private sealed class Store(LoopbackSmtpServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (server._hold is { } hold)
            {
                await hold.Task.WaitAsync(cancellationToken);
            }
            server.Accepted.Enqueue([.. transaction.To.Select(t => $"{t.User}@{t.Host}")]);
            return new SmtpResponse(SmtpReplyCode.Ok, "2.0.0 OK: queued as 4ABC123");
        }
    }
}
