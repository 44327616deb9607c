using Dashboard.Components.Shared;
using Dashboard.Components.Pages.Suppressions;

namespace Dashboard.Tests.Pages.Suppressions;

public sealed class SuppressionTimesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(7 * 24 * 60, "in 7 days")]
    [InlineData(7 * 24 * 60 - 1, "in 7 days")]
    [InlineData(5 * 24 * 60, "in 5 days")]
    [InlineData(24 * 60, "in 1 day")]
    [InlineData(3 * 60, "in 3 hours")]
    [InlineData(12, "in 12 minutes")]
    [InlineData(0, "in under a minute")]
    [InlineData(-2 * 24 * 60, "2 days ago")]
    public void WritesTimesRelativeToNow(int minutes, string expected)
    {
        var text = Times.Relative(Now.AddMinutes(minutes), Now);

        Assert.Equal(expected, text);
    }

    [Fact]
    public void WritesTheExactTimeInUtc()
    {
        var text = Times.Exact(new DateTimeOffset(2026, 3, 9, 11, 30, 0, TimeSpan.FromHours(2)));

        Assert.Equal("2026-03-09 09:30 UTC", text);
    }
}
