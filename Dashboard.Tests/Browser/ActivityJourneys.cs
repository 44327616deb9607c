using Dashboard.Tests.Support;
using Dashboard.Core.Activity;
using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ActivityJourneys(BrowserFixture browser)
{
    private const string HardResponse =
        "550-5.1.1 The email account that you tried to reach does not exist. Please try\n"
        + "550-5.1.1 double-checking the recipient's email address for typos or\n"
        + "550 5.1.1 unnecessary spaces. <script>alert('x')</script> https://support.example/mail/?p=NoSuchUser";

    // Blazor navigates inside the document (pushState): waiting for a "load" event would only add delay.
    private static readonly PageWaitForURLOptions SameDocument = new() { WaitUntil = WaitUntilState.Commit };

    // The app is shared with other journeys: this one's messages carry their own sender.
    private readonly string _sender = $"journey-{Guid.NewGuid():N}@shop.example";

    [Fact]
    public async Task FilterToHardBouncesOpenOneReadTheResponseAndReloadTheFilteredUrl()
    {
        await SeedAsync();
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        var statusCells = page.Locator("tbody tr.mud-table-row td:nth-child(2)");
        var recipientLinks = page.Locator("tbody tr.mud-table-row .activity-recipient");

        await session.SignInAsAsync(Roles.Marketer, $"/activity?sender={Uri.EscapeDataString(_sender)}");
        await Assertions.Expect(statusCells).ToHaveCountAsync(24);
        await session.ScreenshotAsync("activity-list");

        await page.Locator("#activity-status").ClickAsync();
        var hardBounceOption = page.GetByRole(AriaRole.Checkbox, new() { Name = "Hard bounce" });
        await Assertions.Expect(hardBounceOption).ToBeVisibleAsync();
        await hardBounceOption.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("status=hardbounced"), SameDocument);
        await CloseMenusAsync(page);
        await Assertions.Expect(statusCells).ToHaveCountAsync(3);
        await Assertions.Expect(statusCells.Filter(new() { HasText = "Hard bounce" })).ToHaveCountAsync(3);
        var filteredUrl = page.Url;
        var recipients = await recipientLinks.AllInnerTextsAsync();
        await session.ScreenshotAsync("activity-hard-bounces");

        await page.GoBackAsync(new() { WaitUntil = WaitUntilState.Commit });
        await page.WaitForURLAsync(url => !url.Contains("status="), SameDocument);
        await Assertions.Expect(statusCells).ToHaveCountAsync(24);
        await page.GoForwardAsync(new() { WaitUntil = WaitUntilState.Commit });
        await page.WaitForURLAsync(url => url.Contains("status=hardbounced"), SameDocument);
        await Assertions.Expect(statusCells).ToHaveCountAsync(3);

        // A header sorts through the URL: the order survives the message and both ways back from it.
        await CloseMenusAsync(page);
        await page.Locator("thead th").Filter(new() { HasText = "Recipient" }).GetByRole(AriaRole.Button).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("status=hardbounced") && url.EndsWith("&sort=recipient&dir=asc"), SameDocument);
        await ExpectRecipientsAToZAsync(page);
        var sortedUrl = page.Url;

        await OpenMessageAsync(page, "gone.one@example.com");
        await Assertions.Expect(page.Locator("#message-recipient")).ToHaveTextAsync("gone.one@example.com");
        await page.GoBackAsync(new() { WaitUntil = WaitUntilState.Commit });
        await page.WaitForURLAsync(url => url == sortedUrl, SameDocument);
        await ExpectRecipientsAToZAsync(page);

        await OpenMessageAsync(page, "gone.one@example.com");
        var response = page.Locator("[data-testid=timeline-event][data-type=HardBounce] [data-testid=server-response]");
        await Assertions.Expect(response).ToHaveTextAsync(HardResponse);
        await Assertions.Expect(page.Locator("[data-testid=verdict-advice]")).ToContainTextAsync("Remove the address");
        await session.ScreenshotAsync("activity-detail");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Content" }).ClickAsync();
        await Assertions.Expect(page.Locator("iframe[sandbox='']")).ToBeVisibleAsync();
        await session.ScreenshotAsync("activity-content");

        await page.Locator(".mud-main-content").GetByRole(AriaRole.Link, new() { Name = "Activity", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url == sortedUrl, SameDocument);
        await ExpectRecipientsAToZAsync(page);

        await session.GoToAsync(filteredUrl);
        await Assertions.Expect(statusCells).ToHaveCountAsync(3);
        Assert.Equal(recipients, await recipientLinks.AllInnerTextsAsync());

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#activity-export").ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        // Header + the three hard bounces (their multi-line responses break with \n inside quotes).
        Assert.Equal(4, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("gone.one@example.com", csv);
        Assert.DoesNotContain("reader0@example.com", csv);

        // Live: a new hard bounce arrives as a chip; the rows stay put until the reader asks.
        var late = await AddLateHardBounceAsync();
        browser.Services.GetRequiredService<ActivityFeed>().Publish([new MessageChange(late.Id, late.PublicId, late.Status, late.CreatedAt)]);
        await Assertions.Expect(page.Locator("#activity-new")).ToContainTextAsync("1 new");
        await Assertions.Expect(statusCells).ToHaveCountAsync(3);
        await page.Locator("#activity-new").ClickAsync();
        await Assertions.Expect(statusCells).ToHaveCountAsync(4);
        await Assertions.Expect(recipientLinks.First).ToHaveTextAsync("late@example.com");
        await Assertions.Expect(page.Locator("#activity-new")).ToHaveCountAsync(0);
        Assert.Equal(0, dialogs);
        // The stored mail carries a <script>: the sandboxed frame must have refused it, and nothing else may fail.
        Assert.Contains(session.ConsoleErrors, e => e.StartsWith("Blocked script execution in 'about:srcdoc'"));
        Assert.All(session.ConsoleErrors, e => Assert.StartsWith("Blocked script execution in 'about:srcdoc'", e));
    }

    // The hard bounces A to Z (newest first they are one, two, three), marked so on their header.
    private static async Task ExpectRecipientsAToZAsync(IPage page)
    {
        await Assertions.Expect(page.Locator("tbody tr.mud-table-row .activity-recipient"))
            .ToHaveTextAsync(["gone.one@example.com", "gone.three@example.net", "gone.two@example.org"]);
        await Assertions.Expect(page.Locator("thead th").Filter(new() { HasText = "Recipient" })).ToHaveAttributeAsync("aria-sort", "ascending");
    }

    // The grid may render again while the click is aimed (live updates of other journeys share the
    // app): a click that did not open the message is made again, up to three times.
    private static async Task OpenMessageAsync(IPage page, string recipient)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await CloseMenusAsync(page);
                await page.Locator("tbody tr.mud-table-row").Filter(new() { HasText = recipient }).Locator("td").Nth(4)
                    .ClickAsync(new() { Timeout = 5000 });
                await page.WaitForURLAsync(url => url.Contains("/activity/"), new() { WaitUntil = WaitUntilState.Commit, Timeout = 5000 });
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
    }

    private async Task<Message> AddLateHardBounceAsync()
    {
        var factory = browser.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var content = await db.MessageContents.FirstAsync();
        var message = Build(DateTimeOffset.UtcNow, MessageStatus.HardBounced, "late@example.com", HardResponse, content);
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        return message;
    }

    private async Task SeedAsync()
    {
        var factory = browser.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var content = new MessageContent { Mime = "From: news@shop.example\r\nTo: x@example.com\r\nSubject: Hi\r\nContent-Type: text/html\r\n\r\n<p>Hello <b>there</b></p><script>alert(1)</script>\r\n"u8.ToArray() };
        db.MessageContents.Add(content);
        for (var i = 0; i < 20; i++)
        {
            db.Messages.Add(Build(now.AddMinutes(-10 - i), MessageStatus.Delivered, $"reader{i}@example.com", "250 2.0.0 OK 1732752000 a1si123-gsmtp", content));
        }
        db.Messages.Add(Build(now.AddMinutes(-3), MessageStatus.SoftBounced, "full@example.com", "452 4.2.2 The email account that you tried to reach is over quota.", content));
        var names = new[] { "gone.one@example.com", "gone.two@example.org", "gone.three@example.net" };
        for (var i = 0; i < names.Length; i++)
        {
            var message = Build(now.AddMinutes(-1 - i * 5), MessageStatus.HardBounced, names[i], HardResponse, content);
            message.Events =
            [
                new MessageEvent { OccurredAt = message.CreatedAt, Type = MessageEventType.Queued, Actor = "marketer@test.example" },
                new MessageEvent { OccurredAt = message.CreatedAt.AddSeconds(1), Type = MessageEventType.Sending, RemoteHost = "mx1.example.com" },
                new MessageEvent
                {
                    OccurredAt = message.CreatedAt.AddSeconds(2), Type = MessageEventType.HardBounce, ReplyCode = 550, EnhancedStatus = "5.1.1",
                    Response = HardResponse, RemoteHost = "mx1.example.com", Reason = "userunknown", IsHard = true,
                    Rule = "mailbox-does-not-exist", Evidence = "does not exist", Advice = "Remove the address from your list.",
                },
            ];
            db.Messages.Add(message);
        }
        await db.SaveChangesAsync();
    }

    private Message Build(DateTimeOffset at, MessageStatus status, string recipient, string response, MessageContent content) => new Message
    {
        PublicId = Guid.NewGuid().ToString("N")[..16],
        SubmissionId = Guid.NewGuid().ToString("N")[..16],
        Sender = _sender,
        Recipient = recipient,
        RecipientDomain = recipient.Split('@')[1],
        Subject = status == MessageStatus.Delivered ? "Your weekly digest" : "Your order has shipped",
        SizeBytes = 5321,
        MessageIdHeader = $"{Guid.NewGuid():N}@shop.example",
        Source = MessageSource.Ui,
        SubmittedBy = "marketer@test.example",
        CreatedAt = at,
        Content = content,
    }.Stored(status, at.AddSeconds(2), response, int.Parse(response[..3]));

    // The status list stays open after a tick (as MudBlazor's multi-select did); Escape closes it, but
    // on a loaded machine the key can arrive before the page listens: press it again until no menu
    // covers the rows (an open menu's overlay would take the next click).
    private static async Task CloseMenusAsync(IPage page)
    {
        var open = page.Locator("#activity-status-menu");
        for (var attempt = 1; await open.CountAsync() > 0 && attempt <= 5; attempt++)
        {
            await page.Keyboard.PressAsync("Escape");
            try
            {
                await Assertions.Expect(open).ToHaveCountAsync(0, new() { Timeout = 2000 });
            }
            catch (PlaywrightException) when (attempt < 5)
            {
            }
        }
        await Assertions.Expect(open).ToHaveCountAsync(0);
    }
}
