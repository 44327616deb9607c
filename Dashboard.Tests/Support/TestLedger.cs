using Dashboard.Core.Activity;
using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Dashboard.Core.Suppressions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Support;

/// <summary>A real <see cref="MessageLedger"/> (and its suppression rules) on a test database, for services that write messages.</summary>
internal static class TestLedger
{
    public static MessageLedger Create(TestDatabase database, TimeProvider clock)
    {
        var gate = new PipelineWriteGate();
        var suppressions = new SuppressionService(database.Factory, gate, clock, Options.Create(new SendingOptions()), new SuppressionFeed(),
            NullLogger<SuppressionService>.Instance);
        return new MessageLedger(database.Factory, gate, suppressions, new ActivityFeed());
    }
}
