using System.Text.RegularExpressions;
using Dashboard.Core.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class SignInJourneys(BrowserFixture browser)
{
    [Fact]
    public async Task MarketerSeesTheOverviewButIsRefusedTheUsersPage()
    {
        await using var session = await browser.NewSessionAsync();

        await session.SignInAsAsync(Roles.Marketer);
        var overviewHeading = session.Page.GetByRole(AriaRole.Heading, new() { Name = "Overview" });
        var usersLink = session.Page.GetByRole(AriaRole.Link, new() { Name = "Users" });
        await Expect(overviewHeading).ToBeVisibleAsync();
        await Expect(session.Page.GetByTestId("signed-in-user")).ToContainTextAsync(BrowserFixture.UserFor(Roles.Marketer).Email);
        await Expect(usersLink).ToHaveCountAsync(0);
        await session.Page.GotoAsync("users");

        await Expect(session.Page).ToHaveURLAsync(new Regex("/account/access-denied"));
        await Expect(session.Page.GetByTestId("access-denied")).ToContainTextAsync("Only admins");
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task AdminCreatesAUserWhoCanThenSignIn()
    {
        await using var session = await browser.NewSessionAsync();
        var email = $"new-{Guid.NewGuid():N}@test.example";

        await session.SignInAsAsync(Roles.Admin);
        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Users" })).ToBeVisibleAsync();
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "New user" }).ClickAsync();
        await session.Page.Locator(".new-user-email input").FillAsync(email);
        await session.Page.Locator(".new-user-password input").FillAsync("chosen-by-the-admin");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();

        await Expect(session.Page.GetByTestId("users-table")).ToContainTextAsync(email);
        await Expect(session.Page.GetByTestId("audit-log")).ToContainTextAsync(email);
        var stored = await browser.Services.GetRequiredService<UserAdminService>().ListAsync(Actor.System);
        Assert.Contains(stored, u => u.Email == email && u.Role == Roles.Marketer);
        session.AssertNoConsoleErrors();

        await using var newcomer = await browser.NewSessionAsync();
        await newcomer.SignInAsync(email, "chosen-by-the-admin");
        await Expect(newcomer.Page.GetByTestId("signed-in-user")).ToContainTextAsync(email);
    }

    [Fact]
    public async Task DisablingAUserEndsTheirOpenCircuit()
    {
        await using var session = await browser.NewSessionAsync();
        var admin = browser.Services.GetRequiredService<UserAdminService>();
        var user = await admin.CreateAsync(new NewUser($"leaving-{Guid.NewGuid():N}@test.example", null, Roles.Marketer, "a-long-enough-password"), Actor.System);
        await session.SignInAsync(user.Email, "a-long-enough-password");

        await admin.SetDisabledAsync(user.Id, disabled: true, Actor.System);

        // No click, no reload: the circuit notices within the revalidation interval.
        await session.Page.WaitForURLAsync(new Regex("/account/signin"), new() { Timeout = 20_000 });
        await Expect(session.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SignInAndUsersPagesLookRight()
    {
        await using var session = await browser.NewSessionAsync();

        await session.Page.GotoAsync("account/signin");
        await session.ScreenshotAsync("signin");
        await session.Page.GetByLabel("Email").FillAsync("nobody@test.example");
        await session.Page.GetByLabel("Password").FillAsync("wrong-password-123");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(session.Page.GetByTestId("signin-error")).ToBeVisibleAsync();
        await session.ScreenshotAsync("signin-error");
        await session.SignInAsAsync(Roles.Admin, "/users");
        await Expect(session.Page.GetByTestId("users-table")).ToContainTextAsync(BrowserFixture.UserFor(Roles.Marketer).Email);
        await session.ScreenshotAsync("users");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "New user" }).ClickAsync();
        await Expect(session.Page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await session.ScreenshotAsync("users-new");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Change password" }).ClickAsync();
        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Change password" })).ToBeVisibleAsync();
        await session.ScreenshotAsync("change-password");

        await using var marketer = await browser.NewSessionAsync();
        await marketer.SignInAsAsync(Roles.Marketer);
        await marketer.Page.GotoAsync("users");
        await Expect(marketer.Page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await marketer.ScreenshotAsync("access-denied");

        session.AssertNoConsoleErrors();
        marketer.AssertNoConsoleErrors();
    }
}
