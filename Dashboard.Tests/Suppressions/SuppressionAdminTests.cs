using Dashboard.Core.Suppressions;
using Dashboard.Core.Users;
using Dashboard.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Dashboard.Core.Sending;

namespace Dashboard.Tests.Suppressions;

public sealed class SuppressionAdminTests : IDisposable
{
    private static readonly Actor Admin = new("ada", new HashSet<string> { Roles.Admin });
    private static readonly Actor Marketer = new("mark", new HashSet<string> { Roles.Marketer });

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly SuppressionService _suppressions;

    public SuppressionAdminTests() =>
        _suppressions = new SuppressionService(_database.Factory, new Dashboard.Core.Data.PipelineWriteGate(), _clock, new SuppressionRules(Options.Create(new SendingOptions()), new SuppressionFeed(), _clock), NullLogger<SuppressionService>.Instance);

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task AMarketerMayNeitherAddNorRemoveSuppressions()
    {
        await _suppressions.AddAsync(new AddSuppressionRequest("x@example.com"), Admin);

        await Assert.ThrowsAsync<ForbiddenException>(() => _suppressions.AddAsync(new AddSuppressionRequest("y@example.com"), Marketer));
        await Assert.ThrowsAsync<ForbiddenException>(() => _suppressions.UnblockAsync("x@example.com", "customer asked", Marketer));

        Assert.True(await _suppressions.IsSuppressedAsync("x@example.com"));
        Assert.False(await _suppressions.IsSuppressedAsync("y@example.com"));
    }

    [Fact]
    public async Task RemovingASuppressionNeedsAReasonAndRecordsWhoAndWhy()
    {
        await _suppressions.AddAsync(new AddSuppressionRequest("X@Example.com", Note: "typo list"), Admin);

        await Assert.ThrowsAsync<SuppressionValidationException>(() => _suppressions.UnblockAsync("x@example.com", "  ", Admin));
        _clock.Advance(TimeSpan.FromHours(1));
        var removed = await _suppressions.UnblockAsync("x@example.com", "fixed the address", Admin);

        Assert.Equal(1, removed);
        Assert.False(await _suppressions.IsSuppressedAsync("x@example.com"));
        var history = await _suppressions.HistoryAsync("x@example.com");
        var removal = history.Items[0];
        Assert.Equal(SuppressionHistoryAction.Removed, removal.Action);
        Assert.Equal("ada", removal.Actor);
        Assert.Equal("fixed the address", removal.Note);
        Assert.Equal(SuppressionHistoryAction.Added, history.Items[1].Action);
    }

    [Theory]
    [InlineData(SuppressionReason.SpamComplaint)]
    [InlineData(SuppressionReason.Unsubscribe)]
    public async Task RemovingAComplaintOrUnsubscribeNeedsAnAcknowledgedOverride(SuppressionReason reason)
    {
        await _suppressions.AddAsync(new AddSuppressionRequest("angry@example.com", reason), Admin);

        var warning = await Assert.ThrowsAsync<SuppressionOverrideRequiredException>(
            () => _suppressions.UnblockAsync("angry@example.com", "sales insisted", Admin));
        var stillSuppressed = await _suppressions.IsSuppressedAsync("angry@example.com");
        var removed = await _suppressions.UnblockAsync("angry@example.com", "they subscribed again", Admin, acknowledgeOverride: true);

        Assert.Equal(reason, warning.Reason);
        Assert.True(stillSuppressed);
        Assert.Equal(1, removed);
        Assert.False(await _suppressions.IsSuppressedAsync("angry@example.com"));
        var history = await _suppressions.HistoryAsync("angry@example.com");
        Assert.Contains("override", history.Items[0].Note);
    }

    [Fact]
    public async Task AManualSuppressionStaysUntilRemoved()
    {
        await _suppressions.AddAsync(new AddSuppressionRequest("@competitor.example", Note: "no mail to competitors"), Admin);

        _clock.Advance(TimeSpan.FromDays(3650));

        Assert.True(await _suppressions.IsSuppressedAsync("anyone@competitor.example"));
        Assert.Equal(SuppressionScope.Domain, (await _suppressions.FindActiveAsync("anyone@competitor.example"))!.Scope);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not an address")]
    [InlineData("a@b\r\nc")]
    [InlineData("localhost")]
    public async Task AddingSomethingThatIsNeitherAnAddressNorADomainIsRefused(string value)
    {
        await Assert.ThrowsAsync<SuppressionValidationException>(() => _suppressions.AddAsync(new AddSuppressionRequest(value), Admin));

        Assert.Equal(0, (await _suppressions.ListAsync(new SuppressionListQuery(ActiveOnly: false))).TotalCount);
    }

    [Fact]
    public async Task TheListPagesThroughActiveSuppressionsNewestFirst()
    {
        for (var i = 0; i < 5; i++)
        {
            await _suppressions.AddAsync(new AddSuppressionRequest($"user{i}@example.com"), Admin);
            _clock.Advance(TimeSpan.FromMinutes(1));
        }
        await _suppressions.UnblockAsync("user0@example.com", "test", Admin);

        var firstPage = await _suppressions.ListAsync(new SuppressionListQuery(PageSize: 2));
        var everything = await _suppressions.ListAsync(new SuppressionListQuery(ActiveOnly: false, PageSize: 10));

        Assert.Equal(4, firstPage.TotalCount);
        Assert.Equal(["user4@example.com", "user3@example.com"], firstPage.Items.Select(s => s.Value));
        Assert.Equal(5, everything.TotalCount);
        Assert.False(everything.Items.Single(s => s.Value == "user0@example.com").IsActive);
    }
}
