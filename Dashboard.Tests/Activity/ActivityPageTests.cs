using Bunit;
using Bunit.TestDoubles;
using Dashboard.Components.Pages.Activity;
using Dashboard.Core.Activity;
using Dashboard.Core.Messages;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;
using static Dashboard.Tests.Activity.ActivitySeed;

namespace Dashboard.Tests.Activity;

public sealed class ActivityPageTests : IAsyncLifetime
{
    // A connection per context, as the app has: the page's loads can overlap (a newer one cancels an
    // older one still reading), and one shared in-memory connection is not safe for that.
    private readonly TestDatabase _database = new(separateConnections: true);
    private readonly BunitContext _context = new();

    public ActivityPageTests()
    {
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddMudServices();
        _context.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        _context.Services.AddSingleton(_database.Factory);
        _context.Services.AddSingleton<ActivityQueryService>();
        _context.Services.AddSingleton<ActivityFeed>();
        // As on the live circuit (before it, the page shows a loading state: see ActivityJourneys).
        _context.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task GridShowsEachStatusAndOpensTheClickedMessage()
    {
        Message hard;
        await using (var db = _database.CreateContext())
        {
            hard = Message(Now.AddMinutes(-2), MessageStatus.HardBounced, "gone@example.com",
                response: "550 5.1.1 The email account that you tried to reach does not exist.\r\nLearn more at https://support.example");
            await AddAsync(db,
                Message(Now.AddMinutes(-1), MessageStatus.Delivered, "ok@example.com"),
                hard,
                Message(Now.AddMinutes(-3), MessageStatus.SoftBounced, "full@example.com", response: "452 4.2.2 Mailbox full"),
                Message(Now.AddMinutes(-4), MessageStatus.Rejected, "blocked@example.com", response: null));
        }
        _context.Services.GetRequiredService<NavigationManager>().NavigateTo("activity");

        _context.Render<MudPopoverProvider>();
        var page = _context.Render<ActivityPage>();
        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("tbody tr.mud-table-row").Count));

        var rows = page.FindAll("tbody tr.mud-table-row");
        Assert.Contains("Delivered", rows[0].TextContent);
        Assert.Contains("Hard bounce", rows[1].TextContent);
        Assert.Contains("550 5.1.1 The email account that you tried to reach does not exist.", rows[1].TextContent);
        Assert.DoesNotContain("Learn more", rows[1].QuerySelector(".activity-response")!.TextContent);
        Assert.Contains("Soft bounce", rows[2].TextContent);
        Assert.Contains("Rejected", rows[3].TextContent);
        Assert.Contains("4 messages", page.Find("#activity-count").TextContent);

        // Found and clicked in one step on the renderer: the count arriving later re-renders the grid.
        await page.InvokeAsync(() => page.FindAll("tbody tr.mud-table-row")[1].QuerySelectorAll("td")[4].Click());

        Assert.EndsWith($"/activity/{hard.PublicId}?back=activity", _context.Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public void FilterFromTheUrlNarrowsTheGridAndAnEmptyResultSaysWhatToDo()
    {
        _context.Services.GetRequiredService<NavigationManager>().NavigateTo("activity?status=complained");

        _context.Render<MudPopoverProvider>();
        var page = _context.Render<ActivityPage>();

        page.WaitForAssertion(() => Assert.Contains("No messages match these filters", page.Find("#activity-empty").TextContent));
        Assert.Contains("Widen the date range", page.Markup);
    }

    [Fact]
    public async Task LiveChangesBumpOnlyTheChipNeverThePageAndATabLeftOpenHoldsABoundedCount()
    {
        await using (var db = _database.CreateContext())
        {
            await AddAsync(db, Message(Now.AddMinutes(-1), MessageStatus.Delivered, "ok@example.com"));
        }
        _context.Services.GetRequiredService<NavigationManager>().NavigateTo("activity");
        _context.Render<MudPopoverProvider>();
        var page = _context.Render<ActivityPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr.mud-table-row")));
        // The count arrives after the rows (later still on PostgreSQL) and re-renders the page once: settle first.
        page.WaitForAssertion(() => Assert.Contains("1 message", page.Find("#activity-count").TextContent));
        var chip = page.FindComponent<NewMessagesChip>();
        // bUnit counts a component's renders with its children's: the table, beside the chip, shows whether the page re-rendered.
        var grid = page.FindComponent<ActivityTable>();
        var gridRenders = grid.RenderCount;
        var feed = _context.Services.GetRequiredService<ActivityFeed>();

        // Three changes of two messages (one queued then delivered): two new, and the page itself never re-renders.
        feed.Publish([new MessageChange(101, "a", MessageStatus.Queued, Now), new MessageChange(102, "b", MessageStatus.Queued, Now)]);
        feed.Publish([new MessageChange(101, "a", MessageStatus.Delivered, Now)]);
        chip.WaitForAssertion(() => Assert.Contains("2 new", chip.Find("#activity-new").TextContent));
        Assert.Equal(gridRenders, grid.RenderCount);

        // A campaign while the tab stays open: the count stops at the cap instead of holding every id.
        feed.Publish([.. Enumerable.Range(1_000, NewMessagesChip.Cap * 2).Select(i => new MessageChange(i, $"m{i}", MessageStatus.Queued, Now))]);
        chip.WaitForAssertion(() => Assert.Contains("1,000+ new", chip.Find("#activity-new").TextContent));
        Assert.Equal(gridRenders, grid.RenderCount);

        await chip.Find("#activity-new").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#activity-new")));
    }

    [Fact]
    public async Task ThePagerWalksThePagesThroughTheUrlAndAHeaderSortsByItsColumn()
    {
        await using (var db = _database.CreateContext())
        {
            await AddAsync(db, [.. Enumerable.Range(0, 30).Select(i => Message(Now.AddMinutes(-1 - i), recipient: $"r{i:D2}@example.com"))]);
        }
        var navigation = _context.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("activity?size=25");
        _context.Render<MudPopoverProvider>();
        var page = _context.Render<ActivityPage>();
        page.WaitForAssertion(() => Assert.Equal(25, page.FindAll("tbody tr.mud-table-row").Count));
        page.WaitForAssertion(() => Assert.Equal("1-25 of 30", page.Find("#activity-range-shown").TextContent));

        await page.Find("button[aria-label='Next page']").ClickAsync(new());

        Assert.EndsWith("/activity?page=2&size=25", navigation.Uri);
        page.WaitForAssertion(() => Assert.Equal(5, page.FindAll("tbody tr.mud-table-row").Count));
        Assert.Equal("26-30 of 30", page.Find("#activity-range-shown").TextContent);
        Assert.Contains("r25@example.com", page.FindAll("tbody tr.mud-table-row")[0].TextContent);
        Assert.True(page.Find("button[aria-label='Next page']").HasAttribute("disabled"));

        // Sorting by recipient starts again on the first page, A to Z; the same header again turns it round.
        var recipientHeader = () => page.FindAll("th")[2];
        await recipientHeader().QuerySelector("button")!.ClickAsync(new());
        Assert.EndsWith("/activity?size=25&sort=recipient&dir=asc", navigation.Uri);
        page.WaitForAssertion(() => Assert.Equal(25, page.FindAll("tbody tr.mud-table-row").Count));
        page.WaitForAssertion(() => Assert.Contains("r00@example.com", page.FindAll("tbody tr.mud-table-row")[0].TextContent));
        Assert.Equal("ascending", recipientHeader().GetAttribute("aria-sort"));
        await recipientHeader().QuerySelector("button")!.ClickAsync(new());
        Assert.EndsWith("/activity?size=25&sort=recipient&dir=desc", navigation.Uri);
        page.WaitForAssertion(() => Assert.Contains("r29@example.com", page.FindAll("tbody tr.mud-table-row")[0].TextContent));
        Assert.Equal("descending", recipientHeader().GetAttribute("aria-sort"));

        await page.Find("#activity-page-size").ChangeAsync(new ChangeEventArgs { Value = "100" });

        Assert.EndsWith("/activity?size=100&sort=recipient&dir=desc", navigation.Uri);
        page.WaitForAssertion(() => Assert.Equal(30, page.FindAll("tbody tr.mud-table-row").Count));
    }

    [Fact]
    public async Task AHeaderWritesItsOrderToTheUrlAsANewHistoryEntryAndNewestFirstWritesNothing()
    {
        await SeedThreeRecipientsAsync();
        var navigation = _context.Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo("activity?status=delivered");
        _context.Render<MudPopoverProvider>();
        var page = _context.Render<ActivityPage>();
        page.WaitForAssertion(() => Assert.Equal(["bea@example.com", "cal@example.com", "ann@example.com"], Recipients(page)));

        await page.InvokeAsync(() => Header(page, "Recipient").QuerySelector("button")!.Click());

        Assert.EndsWith("/activity?status=delivered&sort=recipient&dir=asc", navigation.Uri);
        Assert.False(navigation.History.First().Options.ReplaceHistoryEntry);
        page.WaitForAssertion(() => Assert.Equal(["ann@example.com", "bea@example.com", "cal@example.com"], Recipients(page)));
        Assert.Equal("ascending", Header(page, "Recipient").GetAttribute("aria-sort"));

        // Back to time, which starts newest first: the default order, so the URL is the plain filter again.
        await page.InvokeAsync(() => Header(page, "Time (UTC)").QuerySelector("button")!.Click());

        Assert.EndsWith("/activity?status=delivered", navigation.Uri);
        page.WaitForAssertion(() => Assert.Equal(["bea@example.com", "cal@example.com", "ann@example.com"], Recipients(page)));
        Assert.Equal("descending", Header(page, "Time (UTC)").GetAttribute("aria-sort"));
        Assert.Null(Header(page, "Recipient").GetAttribute("aria-sort"));

        await page.InvokeAsync(() => Header(page, "Time (UTC)").QuerySelector("button")!.Click());

        Assert.EndsWith("/activity?status=delivered&sort=time&dir=asc", navigation.Uri);
        page.WaitForAssertion(() => Assert.Equal(["ann@example.com", "cal@example.com", "bea@example.com"], Recipients(page)));
        Assert.Equal("ascending", Header(page, "Time (UTC)").GetAttribute("aria-sort"));
    }

    [Fact]
    public async Task AnOrderInTheUrlShowsTheRowsInItMarksItsHeaderAndTravelsInTheMessageLinks()
    {
        await SeedThreeRecipientsAsync();
        _context.Services.GetRequiredService<NavigationManager>().NavigateTo("activity?sort=recipient&dir=desc");

        _context.Render<MudPopoverProvider>();
        var page = _context.Render<ActivityPage>();

        page.WaitForAssertion(() => Assert.Equal(["cal@example.com", "bea@example.com", "ann@example.com"], Recipients(page)));
        Assert.Equal("descending", Header(page, "Recipient").GetAttribute("aria-sort"));
        Assert.Null(Header(page, "Time (UTC)").GetAttribute("aria-sort"));
        // The message page's "← Activity" leads back to this order.
        Assert.EndsWith("?back=activity%3Fsort%3Drecipient%26dir%3Ddesc", page.Find(".activity-recipient").GetAttribute("href"));
    }

    [Fact]
    public async Task OnAPhoneTheSortListChoosesAWholeOrderAndShowsTheOneInTheUrl()
    {
        await SeedThreeRecipientsAsync();
        var navigation = _context.Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo("activity?status=delivered&sort=recipient&dir=desc");
        _context.Render<MudPopoverProvider>();
        var page = _context.Render<ActivityPage>();
        page.WaitForAssertion(() => Assert.Equal(["cal@example.com", "bea@example.com", "ann@example.com"], Recipients(page)));
        Assert.Equal("recipient-desc", page.Find(".activity-phone-sort select").GetAttribute("value"));

        await page.InvokeAsync(() => page.Find(".activity-phone-sort select").Change("time-asc"));

        Assert.EndsWith("/activity?status=delivered&sort=time&dir=asc", navigation.Uri);
        page.WaitForAssertion(() => Assert.Equal(["ann@example.com", "cal@example.com", "bea@example.com"], Recipients(page)));
        Assert.Equal("time-asc", page.Find(".activity-phone-sort select").GetAttribute("value"));

        // A value that is not in the list (a crafted client) changes nothing.
        await page.InvokeAsync(() => page.Find(".activity-phone-sort select").Change("recipient-sideways"));
        Assert.EndsWith("/activity?status=delivered&sort=time&dir=asc", navigation.Uri);

        await page.InvokeAsync(() => page.Find(".activity-phone-sort select").Change("time-desc"));
        Assert.EndsWith("/activity?status=delivered", navigation.Uri);
    }

    [Theory]
    [InlineData("sort=2&dir=asc")]
    [InlineData("sort=status,recipient")]
    [InlineData("sort=%00time&dir=asc")]
    [InlineData("sort=&dir=asc")]
    [InlineData("dir=asc")]
    [InlineData("sort=time&dir=sideways")]
    [InlineData("sort=recipient&sort=nonsense&dir=asc")]
    [InlineData("sort=recipients&dir=asc")]
    public async Task AnOrderThatCannotBeReadShowsNewestFirst(string query)
    {
        await SeedThreeRecipientsAsync();
        _context.Services.GetRequiredService<NavigationManager>().NavigateTo($"activity?{query}");

        _context.Render<MudPopoverProvider>();
        var page = _context.Render<ActivityPage>();

        page.WaitForAssertion(() => Assert.Equal(["bea@example.com", "cal@example.com", "ann@example.com"], Recipients(page)));
        Assert.Equal("descending", Header(page, "Time (UTC)").GetAttribute("aria-sort"));
        Assert.Single(page.FindAll("th[aria-sort]"));
        Assert.Empty(page.FindAll("#activity-error"));
    }

    // Newest first: bea, cal, ann; A to Z: ann, bea, cal.
    private async Task SeedThreeRecipientsAsync()
    {
        await using var db = _database.CreateContext();
        await AddAsync(db,
            Message(Now.AddMinutes(-1), recipient: "bea@example.com"),
            Message(Now.AddMinutes(-2), recipient: "cal@example.com"),
            Message(Now.AddMinutes(-3), recipient: "ann@example.com"));
    }

    private static string[] Recipients(IRenderedComponent<ActivityPage> page) =>
        [.. page.FindAll("tbody tr.mud-table-row .activity-recipient").Select(a => a.TextContent)];

    private static AngleSharp.Dom.IElement Header(IRenderedComponent<ActivityPage> page, string title) =>
        page.FindAll("thead th").Single(th => th.TextContent.Trim() == title);
}
