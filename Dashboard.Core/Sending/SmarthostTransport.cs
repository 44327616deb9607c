using Dashboard.Core.Smtp;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Sending;

/// <summary>Sends everything through one SMTP relay, over pooled connections.</summary>
public sealed class SmarthostTransport : IMailTransport, IAsyncDisposable
{
    private readonly SmtpConnectionPool _pool;

    public SmarthostTransport(IOptions<SendingOptions> options, TimeProvider time)
    {
        var o = options.Value;
        var relay = o.Smarthost;
        var endpoint = new SmtpEndpoint(relay.Host ?? "", relay.Port, relay.Tls, relay.UserName, relay.Password);
        _pool = new SmtpConnectionPool(endpoint, o.HeloName, o.Concurrency, TimeSpan.FromSeconds(o.TimeoutSeconds), time);
        Name = $"smarthost {endpoint}";
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public bool IsRelay => true;

    /// <inheritdoc />
    public async Task SendAsync(OutgoingMessage message, Func<IReadOnlyList<RecipientReply>, Task> onReplies, CancellationToken cancellationToken) =>
        await onReplies(await SmtpDelivery.SendAsync(_pool, message, cleanText: null, cancellationToken));

    public ValueTask DisposeAsync() => _pool.DisposeAsync();
}
