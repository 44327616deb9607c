using Dashboard.Core.Domains;
using Dashboard.Core.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>The Sender domains page in a real browser: admins add and check domains, marketers read.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DomainJourneys(BrowserFixture browser)
{
    [Fact]
    public async Task AdminAddsADomainSeesTheRecordsToPublishAndChecksAgainOnceTheyAre()
    {
        var name = $"d{Guid.NewGuid():N}"[..10] + ".example";
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;

        await session.SignInAsAsync(Roles.Admin, "/domains");
        await session.WaitForCircuitAsync();
        await page.Locator(".domain-name input").FillAsync(name.ToUpperInvariant());
        await page.Locator(".domain-add-button").ClickAsync();

        var card = page.Locator($".domain-card[data-domain='{name}']");
        await Expect(card.Locator(".domain-state")).ToHaveTextAsync("Failing");
        var dkim = card.Locator(".domain-record[data-kind='Dkim']");
        await Expect(dkim.Locator(".record-name")).ToHaveTextAsync($"dash1._domainkey.{name}");
        await Expect(dkim.Locator(".record-value")).ToContainTextAsync("v=DKIM1; k=rsa; p=MII");
        await Expect(dkim.Locator(".record-status")).ToHaveTextAsync("Missing");
        await Expect(card.Locator(".domain-record[data-kind='Dmarc'] .record-value")).ToContainTextAsync("v=DMARC1; p=none; rua=mailto:dmarc@");
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Copy the DKIM value" })).ToBeVisibleAsync();
        await session.ScreenshotEverySizeAndThemeAsync("domains-failing");

        // Failing shows on the Overview; mail from it goes out signed, with a warning, and its timeline names the selector.
        await session.GoToAsync("/");
        await Expect(page.Locator(".failing-domains")).ToContainTextAsync($"{name} fails its DNS check (DKIM missing, SPF missing, DMARC missing)");
        await session.GoToAsync("/send");
        var recipient = $"anyone+{Guid.NewGuid():N}@sandbox.test";
        await page.Locator("#send-from").FillAsync($"news@{name}");
        await page.Locator("#send-to").FillAsync(recipient);
        await page.Locator("#send-subject").FillAsync("Signed");
        await page.Locator("#send-text").FillAsync("Hello");
        await page.GetByTestId("send").ClickAsync();
        await Expect(page.GetByTestId("outcomes")).ToContainTextAsync(recipient, new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("sender-warning")).ToContainTextAsync($"{name} fails its DNS check");
        var timeline = await page.GetByTestId("outcomes").Locator("a.timeline-link").GetAttributeAsync("href");
        await session.GoToAsync(timeline!);
        await Expect(page.Locator(".timeline-dkim")).ToContainTextAsync($"DKIM-signed as {name} with the selector dash1");
        await session.GoToAsync("/domains");

        var view = (await browser.Services.GetRequiredService<SenderDomainQueries>().ListAsync()).Single(d => d.Name == name);
        foreach (var record in view.Records.Where(r => r.Record.Type == "TXT"))
        {
            browser.Dns.Txt(record.Record.Name, record.Record.Value);
        }
        await card.Locator(".domain-check").ClickAsync();

        await Expect(card.Locator(".domain-state")).ToHaveTextAsync("Verified");
        await Expect(dkim.Locator(".record-status")).ToHaveTextAsync("Found");
        await Expect(card.Locator(".domain-record[data-kind='Dmarc'] .record-status")).ToHaveTextAsync("Weak");
        await session.ScreenshotEverySizeAndThemeAsync("domains-verified");

        await card.Locator(".domain-remove").ClickAsync();
        await card.Locator(".domain-remove-confirm").ClickAsync();
        await Expect(card).ToHaveCountAsync(0);
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task AMarketerSeesTheDomainsButCannotAddCheckOrRemove()
    {
        var name = $"m{Guid.NewGuid():N}"[..10] + ".example";
        await browser.Services.GetRequiredService<SenderDomainService>().EnsureAsync([name]);
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;

        await session.SignInAsAsync(Roles.Marketer, "/domains");
        await session.WaitForCircuitAsync();

        var card = page.Locator($".domain-card[data-domain='{name}']");
        await Expect(card.Locator(".domain-record[data-kind='Dkim'] .record-value")).ToContainTextAsync("v=DKIM1");
        await Expect(card.Locator(".domain-state")).ToHaveTextAsync("Not checked");
        await Expect(page.Locator(".domain-add-button")).ToHaveCountAsync(0);
        await Expect(page.Locator(".domain-check")).ToHaveCountAsync(0);
        await Expect(page.Locator(".domain-remove")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sender domains" })).ToBeVisibleAsync();
        session.AssertNoConsoleErrors();
    }
}
