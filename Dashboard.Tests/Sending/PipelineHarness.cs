using Dashboard.Core.Activity;
using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Dashboard.Core.Suppressions;
using Dashboard.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Sending;

/// <summary>The real pipeline on a real SQLite database, sending to a given transport, with a fake clock.</summary>
public sealed class PipelineHarness : IAsyncDisposable
{
    public PipelineHarness(Func<PipelineHarness, IMailTransport> transport, Action<SendingOptions>? configure = null, bool signedReturnPath = false)
    {
        configure?.Invoke(Options);
        ReturnPathOptions.Enabled = signedReturnPath;
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        ReturnPath = new ReturnPathSigner(Microsoft.Extensions.Options.Options.Create(ReturnPathOptions));
        Webhooks = new Dashboard.Core.Webhooks.WebhookOutbox(Clock);
        Hasher = new Dashboard.Core.Erasure.AddressHasher(Microsoft.Extensions.Options.Options.Create(new Dashboard.Core.Erasure.ErasureOptions()),
            Microsoft.Extensions.Options.Options.Create(ReturnPathOptions));
        Suppressions = new SuppressionService(Database.Factory, WriteGate, Clock, options, SuppressionFeed, NullLogger<SuppressionService>.Instance, Webhooks, Hasher);
        Ledger = new MessageLedger(Database.Factory, WriteGate, Suppressions, Feed, Webhooks);
        Transport = transport(this);
        Send = new SendService(Database.Factory, Transport, Ledger, Clock, options, ReturnPath, NullLogger<SendService>.Instance);
    }

    /// <summary>The keyed hash under which a forgotten address stays suppressed (keyed by the return path's key).</summary>
    public Dashboard.Core.Erasure.AddressHasher Hasher { get; }

    /// <summary>The webhook outbox the ledger and the suppressions write to.</summary>
    public Dashboard.Core.Webhooks.WebhookOutbox Webhooks { get; }

    public ReturnPathOptions ReturnPathOptions { get; } = new()
    {
        Domain = "bounces.shop.example",
        SigningKey = "test-key-0123456789-0123456789-0123456789",
    };

    public ReturnPathSigner ReturnPath { get; }

    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public TestDatabase Database { get; } = new();

    public FakeTimeProvider Clock { get; } = new(Start);

    public SendingOptions Options { get; } = new() { Concurrency = 2, TimeoutSeconds = 5 };

    public ActivityFeed Feed { get; } = new();

    public SuppressionService Suppressions { get; }

    public PipelineWriteGate WriteGate { get; } = new();

    public MessageLedger Ledger { get; }

    public SuppressionFeed SuppressionFeed { get; } = new();

    public IMailTransport Transport { get; }

    public SendService Send { get; }

    /// <summary>A smarthost transport (plain SMTP, no TLS) to 127.0.0.1:port.</summary>
    public static Func<PipelineHarness, IMailTransport> Smarthost(int port) => h =>
    {
        h.Options.Transport = TransportKind.Smarthost;
        h.Options.Smarthost = new SmarthostOptions { Host = "127.0.0.1", Port = port, Tls = SmtpTlsMode.None };
        return new SmarthostTransport(Microsoft.Extensions.Options.Options.Create(h.Options), h.Clock);
    };

    public async ValueTask DisposeAsync()
    {
        if (Transport is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        Database.Dispose();
    }
}
