using Dashboard.Components.Pages.Activity;
using Dashboard.Core.Activity;
using Dashboard.Core.Messages;

namespace Dashboard.Tests.Activity;

public sealed class ActivityListPositionTests
{
    private static readonly ActivityFilter HardBounces = new() { Statuses = [MessageStatus.HardBounced] };

    public static TheoryData<ActivitySort, bool> EveryOrder()
    {
        var orders = new TheoryData<ActivitySort, bool>();
        foreach (var sort in Enum.GetValues<ActivitySort>())
        {
            orders.Add(sort, true);
            orders.Add(sort, false);
        }
        return orders;
    }

    [Theory]
    [MemberData(nameof(EveryOrder))]
    public void EveryOrderSurvivesTheUrlRoundTripAndTheBackLink(ActivitySort sort, bool descending)
    {
        var url = ActivityListPosition.Url(HardBounces, 2, 100, sort, descending);

        Assert.Equal((2, 100, sort, descending), ActivityListPosition.Parse(new Uri(new Uri("https://dash.example/"), url).Query));
        Assert.Equal(url, ActivityListPosition.SafeBack(url));
    }

    [Fact]
    public void NewestFirstAddsNothingSoEarlierLinksStayTheSame()
    {
        Assert.Equal("activity", ActivityListPosition.Url(ActivityFilter.Default, 0, ActivityListPosition.DefaultSize, ActivitySort.Time, true));
        Assert.Equal("activity?status=hardbounced&page=3", ActivityListPosition.Url(HardBounces, 2, ActivityListPosition.DefaultSize, ActivitySort.Time, true));
        Assert.Equal((2, 50, ActivitySort.Time, true), ActivityListPosition.Parse("?status=hardbounced&page=3"));
    }

    [Fact]
    public void AnyOtherOrderIsWrittenWholeAfterThePosition()
    {
        Assert.Equal("activity?status=hardbounced&size=25&sort=status&dir=asc", ActivityListPosition.Url(HardBounces, 0, 25, ActivitySort.Status, false));
        Assert.Equal("activity?sort=time&dir=asc", ActivityListPosition.Url(ActivityFilter.Default, 0, 50, ActivitySort.Time, false));
        Assert.Equal("activity?sort=sender&dir=desc", ActivityListPosition.Url(ActivityFilter.Default, 0, 50, ActivitySort.Sender, true));
    }

    [Theory]
    [InlineData("?sort=SENDER&dir=DESC", ActivitySort.Sender, true)]
    [InlineData("?sort=recipient", ActivitySort.Recipient, false)]
    [InlineData("?sort=status&dir=up", ActivitySort.Status, false)]
    [InlineData("?sort=time", ActivitySort.Time, true)]
    [InlineData("?sort=recipient&dir=asc&dir=desc", ActivitySort.Recipient, true)]
    public void AColumnWithoutAReadableDirectionGoesItsFirstWay(string query, ActivitySort sort, bool descending)
    {
        Assert.Equal((0, 50, sort, descending), ActivityListPosition.Parse(query));
    }

    [Theory]
    [InlineData("?sort=1")]
    [InlineData("?sort=-1&dir=asc")]
    [InlineData("?sort=status,recipient&dir=asc")]
    [InlineData("?sort=%E2%80%8Bstatus&dir=asc")]
    [InlineData("?sort[]=status&dir=asc")]
    [InlineData("?dir=asc")]
    [InlineData("?sort=&dir=")]
    [InlineData("?sort=%&dir=%")]
    [InlineData("?sort=recipient&sort=&dir=asc")]
    public void AnOrderThatCannotBeReadIsNewestFirst(string query)
    {
        Assert.Equal((0, 50, ActivitySort.Time, true), ActivityListPosition.Parse(query));
    }
}
