using Dashboard.Core.Integrations;
using Dashboard.Core.Messages;
using Dashboard.Core.Submissions;
using Dashboard.Core.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>The Integrations page, the API reference and the Activity source/tag filters in a real browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class IntegrationsJourneys(BrowserFixture browser)
{
    private IntegrationService Integrations => browser.Services.GetRequiredService<IntegrationService>();

    [Fact]
    public async Task AdminCreatesACredentialAndAKeyWhoseSecretsAreShownOnceAndWork()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;

        await session.SignInAsAsync(Roles.Admin, "/integrations");
        await Expect(page.GetByTestId("relay-settings")).ToContainTextAsync("STARTTLS");
        await page.Locator("#credential-name").FillAsync($"shop-{tag}");
        await page.Locator("#credential-domains").FillAsync("shop.example");
        await page.Locator("#credential-create").ClickAsync();
        var password = await page.GetByTestId("secret-value").InnerTextAsync();
        await Expect(page.GetByTestId("secret-example")).ToContainTextAsync($"--auth-user shop-{tag}");
        await Expect(page.GetByTestId("credentials-table")).ToContainTextAsync("shop.example");
        await ShootAsync(session, "integrations-relay");

        await ClickUntilVisibleAsync(page.GetByRole(AriaRole.Tab, new() { Name = "API keys" }), page.Locator("#key-name"));
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/integrations/api$"));
        await page.Locator("#key-name").FillAsync($"crm-{tag}");
        await page.Locator("#key-create").ClickAsync();
        var key = await page.GetByTestId("secret-value").InnerTextAsync();
        await Expect(page.GetByTestId("secret-example")).ToContainTextAsync("Authorization: Bearer " + key);
        await ShootAsync(session, "integrations-keys");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Revoke crm-{tag}" }).ClickAsync();
        // This key's own row: other journeys' revoked keys are in the same table.
        await Expect(page.GetByTestId("keys-table").Locator("tr").Filter(new() { HasText = $"crm-{tag}" })).ToContainTextAsync("Revoked");

        Assert.Equal($"shop-{tag}", (await Integrations.VerifyCredentialAsync($"shop-{tag}", password))?.Name);
        Assert.StartsWith(IntegrationService.KeyStart, key, StringComparison.Ordinal);
        Assert.Null(await Integrations.VerifyApiKeyAsync(key));
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task WebhooksAreATabOfIntegrationsThatTheUrlOpens()
    {
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;

        // The old address still works: it lands on the tab, and the URL follows the tab chosen.
        await session.SignInAsAsync(Roles.Admin, "/webhooks");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/integrations/webhooks$"));
        await session.WaitForCircuitAsync();
        await Expect(page.GetByText("Add an endpoint")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "API keys" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/integrations/api$"));
        await Expect(page.Locator("#key-name")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Webhooks" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/integrations/webhooks$"));
        // No menu entry of its own any more ("Standard Webhooks" in the tab is a link too, hence exact).
        await Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Webhooks", Exact = true })).ToHaveCountAsync(0);
        // Last: the screenshots resize the window, and the tabs re-measure themselves after that.
        await ShootAsync(session, "integrations-webhooks");
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task AMarketerHasNoIntegrationsButCanReadTheApiReference()
    {
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;

        await session.SignInAsAsync(Roles.Marketer);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Integrations" })).ToHaveCountAsync(0);
        await page.GotoAsync("integrations");
        await Expect(page.GetByText("Integrations", new() { Exact = true })).ToHaveCountAsync(0);
        await page.GotoAsync("api/reference");
        await Expect(page.GetByText("Send a message to one or more recipients").First).ToBeVisibleAsync();
        await session.ScreenshotAsync("api-reference");

        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task ActivityFiltersBySourceAndTagAndTheTimelineSaysHowItCameIn()
    {
        var tag = "t" + Guid.NewGuid().ToString("N")[..8];
        var submissions = browser.Services.GetRequiredService<SubmissionService>();
        var stored = await submissions.SubmitAsync(new Submission("app@shop.example", ["tagged@example.com"],
            "Subject: tagged\r\n\r\nhi\r\n"u8.ToArray(), "tagged", null, MessageSource.Relay, "shop-relay", [tag]));
        await submissions.SubmitAsync(new Submission("app@shop.example", ["other@example.com"],
            "Subject: other\r\n\r\nhi\r\n"u8.ToArray(), "other", null, MessageSource.Api, "crm", [tag]));
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;

        await session.SignInAsAsync(Roles.Marketer, $"/activity?tag={tag}&source=relay");
        await Expect(page.Locator("tbody tr.mud-table-row")).ToHaveCountAsync(1);
        await Expect(page.Locator("tbody")).ToContainTextAsync("tagged@example.com");
        await ShootAsync(session, "activity-source-tag");
        await session.GoToAsync($"activity/{stored[0].Id}");

        await Expect(page.GetByTestId("message-tags")).ToContainTextAsync(tag);
        await Expect(page.Locator(".message-facts")).ToContainTextAsync("by shop-relay (SMTP relay credential)");
        await Expect(page.Locator("body")).ToContainTextAsync("Received by the SMTP relay from the credential \"shop-relay\"");
        session.AssertNoConsoleErrors();
    }

    private static Task ShootAsync(BrowserSession session, string name) => session.ScreenshotEverySizeAndThemeAsync(name);

    // A tab clicked while the page is still settling after the previous action (seen once on a loaded
    // CI machine) may not switch; a person clicks again, and so does the journey, up to three times.
    private static async Task ClickUntilVisibleAsync(ILocator target, ILocator expected)
    {
        for (var attempt = 1; ; attempt++)
        {
            await target.ClickAsync();
            try
            {
                await expected.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 5000 });
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
    }
}
