using Dashboard.Core.Activity;
using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Dashboard.Core.Suppressions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Support;

/// <summary>The real pipeline on a real SQLite database, sending to a given transport, with a fake clock.</summary>
public sealed class PipelineHarness : IAsyncDisposable
{
    /// <param name="transport">The transport to send through.</param>
    /// <param name="configure">Changes to the sending options.</param>
    /// <param name="signedReturnPath">Sign the return path (VERP).</param>
    /// <param name="database">Another harness's database, to run a second instance on it (not disposed by this one).</param>
    public PipelineHarness(Func<PipelineHarness, IMailTransport> transport, Action<SendingOptions>? configure = null, bool signedReturnPath = false,
        TestDatabase? database = null)
    {
        _ownsDatabase = database is null;
        Database = database ?? new TestDatabase();
        configure?.Invoke(Options);
        ReturnPathOptions.Enabled = signedReturnPath;
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        ReturnPath = new ReturnPathSigner(Microsoft.Extensions.Options.Options.Create(ReturnPathOptions));
        Webhooks = new Dashboard.Core.Webhooks.WebhookOutbox(Clock);
        Hasher = new Dashboard.Core.Erasure.AddressHasher(Microsoft.Extensions.Options.Options.Create(new Dashboard.Core.Erasure.ErasureOptions()),
            Microsoft.Extensions.Options.Options.Create(ReturnPathOptions));
        Rules = new SuppressionRules(options, SuppressionFeed, Clock, Webhooks, Hasher);
        Suppressions = new SuppressionService(Database.Factory, WriteGate, Clock, Rules, NullLogger<SuppressionService>.Instance);
        Ledger = new MessageLedger(Database.Factory, WriteGate, Rules, Feed, Webhooks);
        Transport = transport(this);
        Send = new SendService(Database.Factory, Transport, Ledger, Clock, options, ReturnPath, Instance, NullLogger<SendService>.Instance);
        Leases = new SendingLeases(Database.Factory, Instance, Clock, options, NullLogger<SendingLeases>.Instance);
    }

    private readonly bool _ownsDatabase;

    /// <summary>This pipeline as one instance: the id its claims carry.</summary>
    public SendingInstance Instance { get; } = new();

    /// <summary>This instance's lease.</summary>
    public SendingLeases Leases { get; }

    /// <summary>A recovery service for this instance, as the app makes it at start.</summary>
    public SendingRecoveryService NewRecovery() =>
        new(Send, Ledger, Leases, Instance, Clock, NullLogger<SendingRecoveryService>.Instance);

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

    public TestDatabase Database { get; }

    public FakeTimeProvider Clock { get; } = new(Start);

    public SendingOptions Options { get; } = new() { Concurrency = 2, TimeoutSeconds = 5 };

    public ActivityFeed Feed { get; } = new();

    public SuppressionRules Rules { get; }

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
        if (_ownsDatabase)
        {
            Database.Dispose();
        }
    }
}
