using System.Data.Common;
using Dashboard.Core.Activity;
using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Dashboard.Core.Suppressions;
using Dashboard.Tests.Reporting;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Messages;

/// <summary>A unit of work of the ledger reads and saves on one connection, opened once and closed after it.</summary>
public sealed class LedgerConnectionTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 21, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _database = new(separateConnections: true);
    private readonly ConnectionCounter _connections = new();

    [Fact]
    public async Task AUnitsReadsAndItsSaveShareOneConnectionClosedWhenTheUnitEnds()
    {
        await _database.AddAsync(Now, MessageStatus.Queued, count: 2);
        var clock = new FakeTimeProvider(Now);
        var ledger = new MessageLedger(_database.FactoryWith(_connections), new PipelineWriteGate(),
            new SuppressionRules(Options.Create(new SendingOptions()), new SuppressionFeed(), clock), new ActivityFeed());

        var claimed = await ledger.WriteAsync(async tx =>
        {
            var queued = await tx.Db.Messages.CountAsync(m => m.Status == MessageStatus.Queued, tx.CancellationToken);
            var first = await tx.Db.Messages.OrderBy(m => m.Id).FirstAsync(tx.CancellationToken);
            await tx.RejectSuppressedAsync([first], Now);
            first.StartSending("smarthost", Now);
            return queued;
        }, CancellationToken.None);

        Assert.Equal(2, claimed);
        Assert.Equal((1, 1), (_connections.Opened, _connections.Closed));
        await using var db = _database.CreateContext();
        Assert.Equal(1, await db.Messages.CountAsync(m => m.Status == MessageStatus.Sending));

        // A unit that fails closes its connection too, and saves nothing.
        await Assert.ThrowsAsync<InvalidOperationException>(() => ledger.WriteAsync<int>(async tx =>
        {
            (await tx.Db.Messages.OrderBy(m => m.Id).LastAsync(tx.CancellationToken)).StartSending("smarthost", Now);
            throw new InvalidOperationException("refused");
        }, CancellationToken.None));
        Assert.Equal((2, 2), (_connections.Opened, _connections.Closed));
        Assert.Equal(1, await db.Messages.CountAsync(m => m.Status == MessageStatus.Sending));
    }

    public void Dispose() => _database.Dispose();

    private sealed class ConnectionCounter : DbConnectionInterceptor
    {
        private int _opened, _closed;

        public int Opened => Volatile.Read(ref _opened);

        public int Closed => Volatile.Read(ref _closed);

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Interlocked.Increment(ref _opened);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _opened);
            return Task.CompletedTask;
        }

        public override void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Interlocked.Increment(ref _closed);

        public override Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
        {
            Interlocked.Increment(ref _closed);
            return Task.CompletedTask;
        }
    }
}
