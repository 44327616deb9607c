using Dashboard.Core.Activity;
using Dashboard.Core.Messages;

namespace Dashboard.Tests.Activity;

public sealed class ActivityFilterTests
{
    [Fact]
    public void EveryFieldSurvivesTheQueryStringRoundTrip()
    {
        var filter = new ActivityFilter
        {
            Range = ActivityRange.Custom,
            From = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
            To = new DateTimeOffset(2026, 11, 15, 13, 30, 5, TimeSpan.Zero),
            Statuses = [MessageStatus.SoftBounced, MessageStatus.HardBounced],
            Recipient = "bob@example.com",
            RecipientDomain = "gmail.com",
            Sender = "News@Shop.test",
            Subject = "50% off & more",
            Text = "bob smith+tag",
        };

        var query = filter.ToQueryString();
        var parsed = ActivityFilter.Parse("?" + query);

        Assert.Equal(filter.Normalize(), parsed);
        Assert.Equal(query, parsed.ToQueryString());
        Assert.Contains("status=softbounced%2Chardbounced", query);
    }

    [Fact]
    public void DefaultFilterHasAnEmptyQueryString()
    {
        Assert.Equal("", ActivityFilter.Default.ToQueryString());
        Assert.Equal(ActivityFilter.Default, ActivityFilter.Parse(""));
        Assert.True(ActivityFilter.Parse("?range=7d").IsEmpty);
    }

    [Fact]
    public void BadValuesAreIgnoredNotFatal()
    {
        var parsed = ActivityFilter.Parse("?range=forever&from=yesterday&status=hardbounced,nonsense,7,&domain=%20%20&recipient=%20Bob@Example.COM%20");

        Assert.Equal(ActivityRange.Last7Days, parsed.Range);
        Assert.Null(parsed.From);
        Assert.Equal([MessageStatus.HardBounced], parsed.Statuses);
        Assert.Null(parsed.RecipientDomain);
        Assert.Equal("bob@example.com", parsed.Recipient);
    }

    [Theory]
    [InlineData("?source=api,relay")] // Enum.TryParse would OR them into Demo (3)
    [InlineData("?source=3")]
    [InlineData("?source=-1")]
    [InlineData("?source=api relay")]
    public void ASourceIsOneDeclaredNameNeverANumberOrAList(string query)
    {
        Assert.Null(ActivityFilter.Parse(query).Source);
        Assert.Equal(MessageSource.Relay, ActivityFilter.Parse("?source=%20RELAY").Source);
    }

    [Fact]
    public void RepeatedStatusKeysAddUpAndDuplicatesCollapse()
    {
        var parsed = ActivityFilter.Parse("status=rejected&status=delivered,rejected");

        Assert.Equal([MessageStatus.Delivered, MessageStatus.Rejected], parsed.Statuses);
    }

    [Fact]
    public void RelativeRangesEndNowAndCustomRangesUseTheirBounds()
    {
        var now = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(now.AddHours(-24), ActivityFilter.Parse("range=24h").ResolveWindow(now).From);
        Assert.Equal(now.AddDays(-30), ActivityFilter.Parse("range=30d").ResolveWindow(now).From);
        var custom = ActivityFilter.Parse("range=custom&from=2026-11-01&to=2026-11-02").ResolveWindow(now);
        Assert.Equal((new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero)), custom);
    }

    [Theory]
    [InlineData("gmail.com", null, "gmail.com")]
    [InlineData("@Gmail.com", null, "gmail.com")]
    [InlineData("bob", "bob", null)]
    [InlineData("1234.5678", "1234.5678", null)]
    [InlineData("bob@gmail.com", "bob@gmail.com", null)]
    public void ASearchForADomainBecomesTheDomainFilter(string search, string? text, string? domain)
    {
        var filter = new ActivityFilter { Text = search }.Normalize();

        Assert.Equal(text, filter.Text);
        Assert.Equal(domain, filter.RecipientDomain);
    }
}
