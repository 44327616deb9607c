using System.Diagnostics;
using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Demo;

/// <summary>
/// Demo traffic: on start, tops up each of the last N days to its planned volume by sending
/// back-dated mail through the real pipeline to the sandbox (so a restart adds nothing twice);
/// then sends a message every few seconds so the dashboard moves: in turn through the SMTP relay, the
/// REST API and the pipeline directly, so all three ways in show on the dashboard (without
/// <paramref name="clients"/>, directly only). Its sender domains are added first, with DKIM keys.
/// </summary>
public sealed class DemoTrafficService(
    SendService sendService,
    IDbContextFactory<DashboardDbContext> dbFactory,
    TimeProvider time,
    IOptions<DemoOptions> options,
    IOptions<SendingOptions> sending,
    ILogger<DemoTrafficService> logger,
    Alerts.AlertService? alerts = null,
    DemoClients? clients = null,
    Domains.SenderDomainService? domains = null) : BackgroundService
{
    private static readonly string[] DemoTags = ["newsletter", "receipt", "welcome", "password-reset"];

    private readonly DemoScenario _scenario = new(options.Value.Seed);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        await Task.Yield();
        try
        {
            if (domains is not null)
            {
                // The demo's sender domains have keys before its first message, so its mail is DKIM-signed.
                await domains.EnsureAsync(DemoScenario.SenderDomains, stoppingToken);
            }
            await FillHistoryAsync(stoppingToken);
            await SendLiveAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Demo traffic stopped");
        }
    }

    /// <summary>Brings every history day up to its planned volume. Returns how many submissions it sent.</summary>
    internal async Task<int> FillHistoryAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var existing = await CountDemoMessagesPerDayAsync(today.AddDays(-o.HistoryDays), today, cancellationToken);
        var work = new List<(DateOnly Day, int Missing)>();
        for (var ago = o.HistoryDays; ago >= 1; ago--)
        {
            var day = today.AddDays(-ago);
            var missing = _scenario.TargetFor(day, o.MessagesPerDay) - existing.GetValueOrDefault(day);
            if (missing > 0)
            {
                work.Add((day, missing));
            }
        }
        if (work.Count == 0)
        {
            logger.LogInformation("Demo history is already in place ({Days} days); sending live traffic only", o.HistoryDays);
            return 0;
        }

        var total = work.Sum(w => w.Missing);
        logger.LogInformation("Filling {Days} day(s) of demo history: about {Total} messages through the sandbox", work.Count, total);
        var stopwatch = Stopwatch.StartNew();
        var sent = 0;
        foreach (var (day, missing) in work)
        {
            var plans = _scenario.PlanDay(day, missing, badDay: day == today.AddDays(-o.BadDayAgo));
            await Parallel.ForEachAsync(plans,
                new ParallelOptions { MaxDegreeOfParallelism = sending.Value.Concurrency, CancellationToken = cancellationToken },
                async (plan, ct) => await SendAsync(plan, backdated: true, ct));
            sent += plans.Count;
            logger.LogInformation("Demo history {Day:yyyy-MM-dd}: {Count} messages ({Sent}/{Total}, {Elapsed:0.0} s)",
                day, plans.Count, sent, total, stopwatch.Elapsed.TotalSeconds);
        }
        logger.LogInformation("Demo history filled: {Sent} submissions in {Elapsed:0.0} s ({Rate:0} per second)",
            sent, stopwatch.Elapsed.TotalSeconds, sent / Math.Max(0.001, stopwatch.Elapsed.TotalSeconds));
        if (alerts is not null)
        {
            // The alert monitor watches the present; back-dated mail gets its alerts (the bad day's
            // cluster among them) by evaluating each past hour, without mailing anyone about the past.
            await alerts.ReplayAsync(new DateTimeOffset(work[0].Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), time.GetUtcNow(), cancellationToken);
            logger.LogInformation("Demo history: alert rules evaluated for every past hour");
        }
        return sent;
    }

    private async Task SendLiveAsync(CancellationToken cancellationToken)
    {
        if (options.Value.LiveIntervalSeconds <= 0)
        {
            return;
        }
        var random = new Random(options.Value.Seed ^ Environment.TickCount);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.LiveIntervalSeconds), time);
        var n = 0;
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            try
            {
                var plan = _scenario.PlanLive(random, time.GetUtcNow(), n);
                var tag = DemoTags[n % DemoTags.Length];
                switch (n++ % 3)
                {
                    case 0 when clients is { CanUseRelay: true }:
                        await clients.SendThroughRelayAsync(plan, tag, cancellationToken);
                        break;
                    case 1 when clients is { CanUseApi: true }:
                        await clients.SendThroughApiAsync(plan, tag, cancellationToken);
                        break;
                    default:
                        await SendAsync(plan, backdated: false, cancellationToken);
                        break;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "A live demo message failed");
            }
        }
    }

    private async Task SendAsync(DemoPlan plan, bool backdated, CancellationToken cancellationToken)
    {
        var request = new SendRequest(plan.From, plan.To, plan.Subject, plan.Body, null, MessageSource.Demo)
        {
            BackdateTo = backdated ? plan.At : null,
            // The history is tagged as the live traffic is, so the reports' "By tag" table has a past.
            Tags = [DemoTags[(int)(plan.At.UtcTicks / TimeSpan.TicksPerMinute % DemoTags.Length)]],
        };
        var result = await sendService.SendAsync(request, Actor.Demo, cancellationToken);
        foreach (var recipient in result.Recipients.Where(r => r.Status == MessageStatus.HardBounced))
        {
            _scenario.RememberHardBounce(recipient.Recipient, plan.At);
        }
    }

    private async Task<Dictionary<DateOnly, int>> CountDemoMessagesPerDayAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var fromTicks = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).UtcTicks;
        var toTicks = new DateTimeOffset(to.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).UtcTicks;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Submissions, not rows: a plan with two recipients makes two rows but counts once.
        var rows = await db.Database.SqlQuery<DayCount>($"""
            SELECT "CreatedAt" / {TimeSpan.TicksPerDay} AS "Day", CAST(COUNT(DISTINCT "SubmissionId") AS INTEGER) AS "Count"
            FROM "Messages"
            WHERE "Source" = {(int)MessageSource.Demo} AND "CreatedAt" >= {fromTicks} AND "CreatedAt" < {toTicks}
            GROUP BY "Day"
            """).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => DateOnly.FromDayNumber((int)r.Day), r => r.Count);
    }
}

/// <summary>Submissions on one day (days since 0001-01-01).</summary>
internal sealed record DayCount(long Day, int Count);
