using Dashboard.Core.Activity;
using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Dashboard.Core.Suppressions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Support;

/// <summary>A real <see cref="MessageLedger"/> (and its suppression rules) on a test database, for services that write messages.</summary>
internal static class TestLedger
{
    public static MessageLedger Create(TestDatabase database, TimeProvider clock)
    {
        var gate = new PipelineWriteGate();
        var rules = new SuppressionRules(Options.Create(new SendingOptions()), new SuppressionFeed(), clock);
        return new MessageLedger(database.Factory, gate, rules, new ActivityFeed());
    }
}
