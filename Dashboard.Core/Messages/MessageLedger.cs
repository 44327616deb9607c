using System.Diagnostics;
using Dashboard.Core.Activity;
using Dashboard.Core.Data;
using Dashboard.Core.Suppressions;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Messages;

/// <summary>
/// The one way to change messages: runs a unit of work under the pipeline's
/// <see cref="PipelineWriteGate"/>, saves it (announcing any suppression it added) and then tells the
/// live pages about every message whose state or timeline changed. The work itself changes messages
/// through their transition methods (<see cref="Message.StartSending"/>, <see cref="Message.RecordReply"/>, …)
/// and applies the suppression rules through <see cref="LedgerTransaction"/>.
/// </summary>
/// <example>
/// <code>
/// await ledger.WriteAsync(async tx =>
/// {
///     var message = await tx.Db.Messages.SingleAsync(m => m.Id == id, tx.CancellationToken);
///     message.StartSending("relay", now);
/// }, cancellationToken);
/// </code>
/// </example>
public sealed class MessageLedger(
    IDbContextFactory<DashboardDbContext> dbFactory,
    PipelineWriteGate gate,
    SuppressionRules suppressions,
    ActivityFeed feed,
    Webhooks.WebhookOutbox? webhooks = null)
{
    private GroupCommit<RoundItem, object?>? _rounds;

    // Stopwatch ticks spent by the units of work, by step (see Usage); the kinds' by RoundOrder.
    private const int Opening = 0, Working = 1, Finding = 2, Saving = 3, Kinds = 4;
    private readonly long[] _ticks = new long[Kinds + RoundOrder.Count];
    private long _units;

    /// <summary>Where the writer's time went so far (two reads of it give a run's share with <see cref="LedgerUsage.Since"/>).</summary>
    public LedgerUsage Usage => new(
        Interlocked.Read(ref _units), Spent(Opening), Spent(Working), Spent(Finding), Spent(Saving),
        Spent(Kinds + RoundOrder.Store), Spent(Kinds + RoundOrder.Claim), Spent(Kinds + RoundOrder.Answer));

    private TimeSpan Spent(int step) => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks[step]));

    // Adds the time since `from` to `step`; returns now, the next step's start.
    private long Count(int step, long from)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Add(ref _ticks[step], now - from);
        return now;
    }

    /// <summary>
    /// Runs <paramref name="work"/> as one unit: inside the write gate, on a fresh context, saved when
    /// it returns (nothing is saved if it throws). Returns what the work returned.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<LedgerTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        T result;
        List<(Message Message, DateTimeOffset At)> changes;
        var deliveries = 0;
        using (await gate.EnterAsync(cancellationToken))
        {
            var started = Stopwatch.GetTimestamp();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            // One connection for the whole unit: its reads and its save would otherwise each open
            // and close one of their own (a tenth of the writer's time per message at 1 session).
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                // Changes are detected once, in Changes below, after the work: left on, EF scans every
                // tracked entity again at each look at the change tracker and at the save (five scans a
                // unit, a tenth of the relay's CPU). The work only changes entities and adds new ones;
                // what is added after that scan (webhook deliveries) is added explicitly.
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                var transaction = new LedgerTransaction(db, suppressions, cancellationToken);
                var step = Count(Opening, started);
                result = await work(transaction);
                step = Count(Working, step);
                changes = Changes(db);
                if (webhooks is not null)
                {
                    // Saved with the transitions below: no event is reported that did not happen, none lost.
                    deliveries = await webhooks.AddMessageEventsAsync(db, cancellationToken);
                }
                step = Count(Finding, step);
                await suppressions.SaveAndAnnounceAsync(db, cancellationToken);
                Count(Saving, step);
                Interlocked.Increment(ref _units);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        if (deliveries > 0)
        {
            // Only then: a dispatcher woken by every write would query the outbox once per message.
            webhooks!.Wake();
        }
        // Ids are known only after the save.
        feed.Publish([.. changes.Select(c => new MessageChange(c.Message.Id, c.Message.PublicId, c.Message.Status, c.At))]);
        return result;
    }

    /// <summary>
    /// Runs <paramref name="input"/> in the next round: everything the pipeline hands in here at about
    /// the same time (stores, claims, answers, of any kind) runs in one unit of work, each kind's items
    /// as one batch, in <see cref="LedgerBatch.Order"/>. Under load rounds grow by themselves; idle, an
    /// item runs alone at once, or after <paramref name="linger"/> if nobody started a round it could
    /// ride in meanwhile. If a round fails, each of its items runs again in a unit of its own, so
    /// one bad item fails only itself. A round runs to its end once it has started (a caller giving up
    /// later still gets its result): a unit is short, and its neighbours' work must not be cancelled.
    /// </summary>
    /// <exception cref="OperationCanceledException">The caller gave up before a round took the item: nothing of it ran.</exception>
    internal async Task<TOut> InRoundAsync<TIn, TOut>(LedgerBatch<TIn, TOut> kind, TIn input, CancellationToken cancellationToken, TimeSpan linger = default) =>
        (TOut)(await Rounds.RunAsync(new RoundItem(kind, input), cancellationToken, linger))!;

    private GroupCommit<RoundItem, object?> Rounds =>
        _rounds ?? Interlocked.CompareExchange(ref _rounds, new((items, _) => RunRoundAsync(items)), null) ?? _rounds;

    private async Task<IReadOnlyList<object?>> RunRoundAsync(IReadOnlyList<RoundItem> items)
    {
        try
        {
            return await WriteAsync(async tx =>
            {
                var results = new object?[items.Count];
                foreach (var kind in items.Select((item, at) => (item, at)).GroupBy(x => x.item.Kind).OrderBy(g => g.Key.Order))
                {
                    var started = Stopwatch.GetTimestamp();
                    var done = await kind.Key.RunAsync(tx, [.. kind.Select(x => x.item.Input)]);
                    Count(Kinds + kind.Key.Order, started);
                    if (done.Count != kind.Count())
                    {
                        throw new InvalidOperationException($"A batch of {kind.Count()} gave {done.Count} result(s).");
                    }
                    foreach (var ((_, at), result) in kind.Zip(done))
                    {
                        results[at] = result;
                    }
                }
                return (IReadOnlyList<object?>)results;
            }, CancellationToken.None);
        }
        catch (Exception ex) when (items.Count == 1 && items[0].Kind.TryRecover(ex, out var result))
        {
            return [result];
        }
    }

    private sealed record RoundItem(LedgerBatch Kind, object? Input);

    /// <summary>
    /// As <see cref="WriteAsync{T}(Func{LedgerTransaction, Task{T}}, CancellationToken)"/>, but when
    /// another instance changed one of the unit's messages between its read and its save (a
    /// <see cref="DbUpdateConcurrencyException"/>), the work runs again on a fresh context, up to
    /// <paramref name="attempts"/> times in all, so it applies on top of the other change instead of
    /// failing. The work must read what it changes itself and leave nothing behind outside the
    /// context that a second run would double.
    /// </summary>
    public async Task<T> WriteRetryingAsync<T>(Func<LedgerTransaction, Task<T>> work, CancellationToken cancellationToken, int attempts = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await WriteAsync(work, cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < attempts)
            {
                // Nothing of this unit was saved; read again and redo.
            }
        }
    }

    /// <inheritdoc cref="WriteAsync{T}(Func{LedgerTransaction, Task{T}}, CancellationToken)"/>
    public Task WriteAsync(Func<LedgerTransaction, Task> work, CancellationToken cancellationToken) =>
        WriteAsync(async transaction =>
        {
            await work(transaction);
            return true;
        }, cancellationToken);

    // Every message added or changed, or given a new event, in this unit of work.
    private static List<(Message Message, DateTimeOffset At)> Changes(DashboardDbContext db)
    {
        db.ChangeTracker.DetectChanges();
        var changed = new Dictionary<Message, DateTimeOffset>(ReferenceEqualityComparer.Instance);
        foreach (var entry in db.ChangeTracker.Entries<Message>().Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            changed[entry.Entity] = entry.Entity.UpdatedAt;
        }
        foreach (var entry in db.ChangeTracker.Entries<MessageEvent>().Where(e => e.State == EntityState.Added))
        {
            if (entry.Entity.Message is { } message)
            {
                changed[message] = changed.TryGetValue(message, out var at) && at > entry.Entity.OccurredAt ? at : entry.Entity.OccurredAt;
            }
        }
        return [.. changed.Select(c => (c.Key, c.Value))];
    }
}
