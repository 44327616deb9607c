using System.Text.RegularExpressions;
using Dashboard.Core.Classification;
using Dashboard.Core.Sending;
using Dashboard.Core.Smtp;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Sandbox;

/// <summary>
/// Routes mail to the sandbox like DNS and the internet would: unknown domains fail to resolve (no
/// connection at all), the "down" domain refuses connections, everything else reaches the sandbox server.
/// </summary>
public sealed partial class SandboxTransport : IMailTransport, IAsyncDisposable
{
    private readonly SandboxServer _server;
    // Created on first use: the server picks its port when it starts, after this is constructed.
    private readonly Lazy<SmtpConnectionPool> _sandbox;
    private readonly SmtpConnectionPool _down;

    public SandboxTransport(SandboxServer server, IOptions<SendingOptions> sending, TimeProvider time)
    {
        _server = server;
        var o = sending.Value;
        var timeout = TimeSpan.FromSeconds(o.TimeoutSeconds);
        _sandbox = new(() => new SmtpConnectionPool(new SmtpEndpoint("127.0.0.1", server.Port, SmtpTlsMode.None), o.HeloName, o.Concurrency, timeout, time));
        _down = new SmtpConnectionPool(new SmtpEndpoint("127.0.0.1", server.ClosedPort, SmtpTlsMode.None), o.HeloName, 0, timeout, time);
    }

    /// <inheritdoc />
    public string Name => $"the sandbox (127.0.0.1:{_server.Port})";

    /// <inheritdoc />
    public bool IsRelay => false;

    // The SmtpServer library appends its retry counter to refusals; no real provider says that.
    [GeneratedRegex(@",\s*\d+ retry\(ies\) remaining\.$")]
    private static partial Regex RetrySuffix();

    /// <inheritdoc />
    public async Task SendAsync(OutgoingMessage message, Func<IReadOnlyList<RecipientReply>, Task> onReplies, CancellationToken cancellationToken)
    {
        var byPhase = message.Recipients.GroupBy(r => SandboxAddresses.For(r).Phase switch
        {
            SandboxPhase.DnsFailure => SandboxPhase.DnsFailure,
            SandboxPhase.HostDown => SandboxPhase.HostDown,
            _ => SandboxPhase.Accept,
        });
        foreach (var group in byPhase)
        {
            var envelope = message with { Recipients = [.. group] };
            switch (group.Key)
            {
                case SandboxPhase.DnsFailure:
                    // Resolution fails before any connection, as for a domain that does not exist.
                    await onReplies([.. group.Select(r => new RecipientReply(r, null, null, SandboxAddresses.For(r).ReplyFor(r), null, ConnectionFailure.DomainNotFound, SmtpPhase.Connect))]);
                    break;
                case SandboxPhase.HostDown:
                    await onReplies(await SmtpDelivery.SendAsync(_down, envelope, null, cancellationToken));
                    break;
                default:
                    await onReplies(await SmtpDelivery.SendAsync(_sandbox.Value, envelope, t => RetrySuffix().Replace(t, ""), cancellationToken));
                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_sandbox.IsValueCreated)
        {
            await _sandbox.Value.DisposeAsync();
        }
        await _down.DisposeAsync();
    }
}
