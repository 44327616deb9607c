using Dashboard.Core.Data;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>What a signed-in user does is recorded under their name.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WhoDidWhatJourneys(BrowserFixture browser)
{
    [Fact]
    public async Task MessageSentFromTheSendPageRecordsTheSignedInSender()
    {
        await using var session = await browser.NewSessionAsync();
        var marketer = BrowserFixture.UserFor(Roles.Marketer);
        var recipient = $"anyone+{Guid.NewGuid():N}@sandbox.test";

        await session.SignInAsAsync(Roles.Marketer, "/send");
        await session.Page.Locator("[data-field=from] input").FillAsync("news@company.example");
        await session.Page.Locator("[data-field=to] textarea").FillAsync(recipient);
        await session.Page.Locator("[data-field=subject] input").FillAsync("Who sent this?");
        await session.Page.Locator("[data-field=text-body] textarea").FillAsync("Hello.");
        await session.Page.GetByTestId("send").ClickAsync();
        await Expect(session.Page.GetByTestId("outcomes")).ToContainTextAsync(recipient);

        await using var db = await browser.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var message = await db.Messages.AsNoTracking().SingleAsync(m => m.Recipient == recipient);
        var first = await db.MessageEvents.AsNoTracking()
            .Where(e => e.MessageId == message.Id).OrderBy(e => e.Id).FirstAsync();
        Assert.Equal(marketer.Email, message.SubmittedBy);
        Assert.Equal(marketer.Email, first.Actor);
        session.AssertNoConsoleErrors();
    }
}
