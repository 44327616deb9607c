using Dashboard.Core.Bounces;
using Dashboard.Core.Messages;
using Dashboard.Core.Reclassification;
using Dashboard.Core.Reporting;
using Dashboard.Core.Suppressions;
using Dashboard.Core.Users;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Reclassification;

/// <summary>Re-classifying history on a real SQLite database, through the real ledger and suppression rules.</summary>
public sealed class ReclassifierTests : IAsyncDisposable
{
    private static readonly Actor Admin = new("ada", new HashSet<string> { Roles.Admin });
    private static readonly Actor Marketer = new("mark", new HashSet<string> { Roles.Marketer });

    // Nothing is sent here: the transport is never used.
    private readonly PipelineHarness _pipeline = new(PipelineHarness.Smarthost(9));
    private readonly Reclassifier _reclassifier;

    public ReclassifierTests() => _reclassifier = new Reclassifier(_pipeline.Database.Factory, _pipeline.Ledger, _pipeline.Rules, _pipeline.Clock);

    public ValueTask DisposeAsync() => _pipeline.DisposeAsync();

    // A bounce report as yesterday's rules stored it.
    private async Task<string> StoredReportAsync(string recipient, string diagnostic, string reason, bool hard, string rule)
    {
        var publicId = "p-" + recipient.Split('@')[0];
        await _pipeline.Ledger.WriteAsync(async tx =>
        {
            var message = new Message
            {
                PublicId = publicId, SubmissionId = publicId, Sender = "news@shop.example", Recipient = recipient, RecipientDomain = recipient.Split('@')[1],
                CreatedAt = _pipeline.Clock.GetUtcNow(),
            };
            message.Queue("ada", "Submitted", _pipeline.Clock.GetUtcNow());
            message.StartSending("smarthost", _pipeline.Clock.GetUtcNow());
            tx.Db.Messages.Add(message);
        }, CancellationToken.None);
        // The report arrives later, for a message already stored (as it does through the inbound listener).
        await _pipeline.Ledger.WriteAsync(async tx =>
        {
            var message = await tx.Db.Messages.SingleAsync(m => m.PublicId == publicId);
            var report = new BounceReport(BounceKind.Bounce, recipient, "failed", "5.0.0", 550, diagnostic, null, reason, hard, rule, "advice", OriginalMessage.None);
            await tx.RecordReportAsync(message, report, $"Asynchronous report from <> about {recipient}", _pipeline.Clock.GetUtcNow());
        }, CancellationToken.None);
        return publicId;
    }

    [Fact]
    public async Task TheDiffCountsOldToNewAndChangesNothing()
    {
        await StoredReportAsync("gone@example.org", "550 Unknown user <gone@example.org>", "filtered", false, "dead-address-after-data");
        await StoredReportAsync("same@example.org", "552 5.2.2 Mailbox full", "mailboxfull", false, "mailbox-full");

        var diff = await _reclassifier.DiffAsync();

        Assert.Equal(2, diff.Examined);
        var change = Assert.Single(diff.Changes);
        Assert.Equal(("gone@example.org", "filtered", (bool?)false, "userunknown", (bool?)true), (change.Recipient, change.OldReason, change.OldHard, change.NewReason, change.NewHard));
        Assert.True(change.IsLatest);
        Assert.Equal(new ReclassificationCount("filtered", false, "userunknown", true, 1), Assert.Single(diff.Counts));
        Assert.Equal(1, diff.HardnessFlips);
        Assert.Null(await _pipeline.Suppressions.FindActiveAsync("gone@example.org"));
    }

    [Fact]
    public async Task ApplyingMovesStatusBounceRateAndSuppressionsAndSaysReclassified()
    {
        var gone = await StoredReportAsync("gone@example.org", "550 Unknown user <gone@example.org>", "filtered", false, "dead-address-after-data");
        var full = await StoredReportAsync("full@example.org", "552 Sorry, the mailbox is full", "userunknown", true, "dead-address");
        Assert.Equal(SuppressionReason.HardBounce, (await _pipeline.Suppressions.FindActiveAsync("full@example.org"))!.Reason);
        _pipeline.Clock.Advance(TimeSpan.FromHours(1));

        var applied = await _reclassifier.ApplyAsync(Admin);

        Assert.Equal(2, applied.Changes.Count);
        await using var db = _pipeline.Database.CreateContext();
        var goneMessage = await db.Messages.Include(m => m.Events).SingleAsync(m => m.PublicId == gone);
        Assert.Equal(MessageStatus.HardBounced, goneMessage.Status);
        Assert.Equal("userunknown", goneMessage.Reason);
        Assert.Contains(goneMessage.Events, e => e.Type == MessageEventType.Info && e.Detail!.StartsWith("Re-classified: filtered (soft) → userunknown (hard)"));
        var goneSuppression = await _pipeline.Suppressions.FindActiveAsync("gone@example.org");
        Assert.Equal(SuppressionReason.HardBounce, goneSuppression!.Reason);
        Assert.StartsWith("re-classified", goneSuppression.Note);
        var fullMessage = await db.Messages.SingleAsync(m => m.PublicId == full);
        Assert.Equal(MessageStatus.SoftBounced, fullMessage.Status);
        Assert.Null(await _pipeline.Suppressions.FindActiveAsync("full@example.org"));
        var lifted = (await _pipeline.Suppressions.HistoryAsync("full@example.org")).Items[0];
        Assert.Equal(SuppressionHistoryAction.Removed, lifted.Action);
        Assert.StartsWith("re-classified", lifted.Note);
        Assert.Empty((await _reclassifier.DiffAsync()).Changes);
    }

    [Fact]
    public async Task TheHardBounceShareOfTheBounceRateFollows()
    {
        await StoredReportAsync("gone@example.org", "550 Unknown user <gone@example.org>", "filtered", false, "dead-address-after-data");
        var stats = new DeliveryStatsService(_pipeline.Database.Factory, _pipeline.Clock);
        var before = (await stats.GetAsync(30)).Totals;

        await _reclassifier.ApplyAsync(Admin);

        var after = (await stats.GetAsync(30)).Totals;
        Assert.Equal((0, 1), (before.HardBounces, before.SoftBounces));
        Assert.Equal((1, 0), (after.HardBounces, after.SoftBounces));
    }

    [Fact]
    public async Task OnlyAdminsApply()
    {
        await StoredReportAsync("gone@example.org", "550 Unknown user <gone@example.org>", "filtered", false, "dead-address-after-data");

        await Assert.ThrowsAsync<ForbiddenException>(() => _reclassifier.ApplyAsync(Marketer));

        Assert.Single((await _reclassifier.DiffAsync()).Changes);
    }
}
