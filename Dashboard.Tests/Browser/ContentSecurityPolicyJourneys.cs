using Dashboard.Core.Users;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>What the Content-Security-Policy allows and blocks in a real browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyJourneys(BrowserFixture browser)
{
    [Fact]
    public async Task StoredHtmlShowsInASandboxedFrameWithItsScriptsAndRemoteImagesBlocked()
    {
        await using var session = await browser.NewSessionAsync();
        await session.SignInAsAsync(Roles.Marketer);

        // As the message view will: the mail's HTML in <iframe sandbox srcdoc>. (Evaluate runs
        // outside the page's CSP; what the frame then loads is under it.)
        await session.Page.EvaluateAsync("""
            () => {
                const frame = document.createElement('iframe');
                frame.setAttribute('sandbox', '');
                frame.id = 'mail';
                frame.srcdoc = '<p style="color: rgb(200, 0, 0)">Hello from the mail</p>' +
                    '<img id="remote" src="http://127.0.0.2:9/pixel.gif">' +
                    '<script>document.body.dataset.ran = "yes"<\/script>';
                document.body.appendChild(frame);
            }
            """);
        var mail = session.Page.FrameLocator("#mail");

        await Expect(mail.GetByText("Hello from the mail")).ToBeVisibleAsync();
        await Expect(mail.GetByText("Hello from the mail")).ToHaveCSSAsync("color", "rgb(200, 0, 0)");
        await Expect(mail.Locator("body")).Not.ToHaveAttributeAsync("data-ran", "yes");
        Assert.Contains(session.ConsoleErrors, e => e.Contains("pixel.gif") && e.Contains("Content Security Policy"));
    }

    [Fact]
    public async Task TheAppItselfRunsWithoutAnyPolicyViolation()
    {
        await using var session = await browser.NewSessionAsync();

        await session.SignInAsAsync(Roles.Admin, "/users");
        await session.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "New user" }).ClickAsync();
        await Expect(session.Page.GetByRole(Microsoft.Playwright.AriaRole.Dialog)).ToBeVisibleAsync();

        session.AssertNoConsoleErrors();
    }
}
