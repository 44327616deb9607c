using Dashboard.Components.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Pages.Overview;

public sealed class ThrottledRefreshTests
{
    [Fact]
    public async Task FirstChangeRefreshesAtOnceAndABurstFoldsIntoOneRefreshASecondLater()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        var refreshes = 0;
        using var throttle = new ThrottledRefresh(time, TimeSpan.FromSeconds(1), _ =>
        {
            refreshes++;
            return Task.CompletedTask;
        });

        await throttle.RequestAsync();
        var second = throttle.RequestAsync();
        var third = throttle.RequestAsync();
        var fourth = throttle.RequestAsync();
        var waitingCount = refreshes;
        time.Advance(TimeSpan.FromMilliseconds(999));
        var justBefore = refreshes;
        time.Advance(TimeSpan.FromMilliseconds(1));
        await Task.WhenAll(second, third, fourth);

        Assert.Equal(1, waitingCount);
        Assert.Equal(1, justBefore);
        Assert.Equal(2, refreshes);
    }

    [Fact]
    public async Task ChangeAfterAQuietSecondRefreshesAtOnce()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        var refreshes = 0;
        using var throttle = new ThrottledRefresh(time, TimeSpan.FromSeconds(1), _ =>
        {
            refreshes++;
            return Task.CompletedTask;
        });

        await throttle.RequestAsync();
        time.Advance(TimeSpan.FromSeconds(5));
        await throttle.RequestAsync();

        Assert.Equal(2, refreshes);
    }

    [Fact]
    public async Task DisposingCancelsAWaitingRefresh()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        var refreshes = 0;
        var throttle = new ThrottledRefresh(time, TimeSpan.FromSeconds(1), _ =>
        {
            refreshes++;
            return Task.CompletedTask;
        });
        await throttle.RequestAsync();
        var waiting = throttle.RequestAsync();

        throttle.Dispose();
        await waiting;
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(1, refreshes);
    }
}
