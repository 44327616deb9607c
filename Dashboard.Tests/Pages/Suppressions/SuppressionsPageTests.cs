using AngleSharp.Dom;
using Bunit;
using Dashboard.Core.Suppressions;
using Dashboard.Core.Users;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SuppressionsPage = Dashboard.Components.Pages.Suppressions.Suppressions;

namespace Dashboard.Tests.Pages.Suppressions;

/// <summary>The Suppressions page on the real SuppressionService and database.</summary>
public sealed class SuppressionsPageTests : IAsyncLifetime
{
    private readonly SuppressionPageHarness _harness = new(SuppressionPageHarness.Admin.Name, Roles.Admin);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private IRenderedComponent<SuppressionsPage> RenderPage(out IRenderedComponent<MudDialogProvider> dialogs) => RenderPage(_harness, out dialogs);

    private static IRenderedComponent<SuppressionsPage> RenderPage(SuppressionPageHarness harness, out IRenderedComponent<MudDialogProvider> dialogs)
    {
        dialogs = harness.Context.Render<MudDialogProvider>();
        harness.Context.Render<MudPopoverProvider>();
        return harness.Context.Render<SuppressionsPage>();
    }

    private static IElement Row(IRenderedComponent<SuppressionsPage> page, string value) =>
        page.Find($"[data-testid=suppressions-table] td[data-value='{value}']").ParentElement!;

    [Fact]
    public async Task ListsActiveSuppressionsWithReasonExpiryAndTheMessageThatCausedThem()
    {
        var publicId = await _harness.HardBounceAsync("gone@example.com");
        await _harness.Suppressions.AddAsync(new AddSuppressionRequest("@competitor.example", Note: "no mail to competitors"), SuppressionPageHarness.Admin);
        await _harness.Suppressions.AddAsync(new AddSuppressionRequest("removed@example.com"), SuppressionPageHarness.Admin);
        await _harness.Suppressions.UnblockAsync("removed@example.com", "typo", SuppressionPageHarness.Admin);
        _harness.Clock.Advance(TimeSpan.FromDays(2));

        var page = RenderPage(out _);

        page.WaitForAssertion(() => Assert.NotNull(page.Find("td[data-value='gone@example.com']")));
        var bounce = Row(page, "gone@example.com");
        Assert.Contains("Hard bounce", bounce.TextContent);
        Assert.Contains("in 5 days", bounce.QuerySelector(".expires")!.TextContent);
        Assert.Equal($"/activity/{publicId}", bounce.QuerySelector("a.message-link")!.GetAttribute("href"));
        var domain = Row(page, "competitor.example");
        Assert.Contains("Manual", domain.TextContent);
        Assert.Contains("whole domain", domain.TextContent);
        Assert.Contains("until removed", domain.TextContent);
        Assert.Contains("no mail to competitors", domain.TextContent);
        Assert.Contains("admin@test.example", domain.TextContent);
        Assert.Empty(page.FindAll("td[data-value='removed@example.com']"));
    }

    [Fact]
    public async Task AMarketerSeesTheListWithTheButtonsDisabledAndExplained()
    {
        await using var marketer = new SuppressionPageHarness("marketer@test.example", Roles.Marketer);
        await marketer.HardBounceAsync("gone@example.com");

        marketer.Context.Render<MudDialogProvider>();
        var popovers = marketer.Context.Render<MudPopoverProvider>();
        var page = marketer.Context.Render<SuppressionsPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("td[data-value='gone@example.com']")));
        Assert.True(page.Find("button[aria-label='Unblock gone@example.com']").HasAttribute("disabled"));
        Assert.True(page.Find("button.add-suppression").HasAttribute("disabled"));
        await page.Find("button[aria-label='Unblock gone@example.com']").Closest(".mud-tooltip-root")!.PointerEnterAsync(new());
        popovers.WaitForAssertion(() => Assert.Contains("Only admins can unblock addresses.", popovers.Markup));
    }

    [Fact]
    public async Task ChangesMadeElsewhereShowAsAChipAndAppearWhenAsked()
    {
        await _harness.HardBounceAsync("first@example.com");
        var page = RenderPage(out _);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("td[data-value='first@example.com']")));
        Assert.Empty(page.FindAll("#suppressions-changed"));

        // The signed-in admin's own change (here made without the page) is not news to them.
        await _harness.Suppressions.AddAsync(new AddSuppressionRequest("mine@example.com"), SuppressionPageHarness.Admin);
        await Task.Delay(300);
        Assert.Empty(page.FindAll("#suppressions-changed"));

        // The pipeline suppresses an address after a hard bounce, and another admin adds a domain.
        await _harness.HardBounceAsync("gone@example.com");
        var otherAdmin = new Actor("other-admin@test.example", new HashSet<string> { Roles.Admin });
        await _harness.Suppressions.AddAsync(new AddSuppressionRequest("@competitor.example"), otherAdmin);

        page.WaitForAssertion(() => Assert.Contains("2 changes — show", page.Find("#suppressions-changed").TextContent));
        // The rows stay where they were until asked.
        Assert.Empty(page.FindAll("td[data-value='gone@example.com']"));

        await page.Find("#suppressions-changed").ClickAsync(new());

        page.WaitForAssertion(() => Assert.NotNull(page.Find("td[data-value='gone@example.com']")));
        Assert.NotNull(page.Find("td[data-value='competitor.example']"));
        Assert.Empty(page.FindAll("#suppressions-changed"));
    }

    [Fact]
    public async Task AnAdminUnblocksAHardBounceWithAReason()
    {
        await _harness.HardBounceAsync("gone@example.com");
        var page = RenderPage(out var dialogs);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("button[aria-label='Unblock gone@example.com']")));

        var click = page.Find("button[aria-label='Unblock gone@example.com']").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find(".unblock-reason textarea")));
        await dialogs.Find("button.confirm-unblock").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Say why it is unblocked.", dialogs.Markup));
        var stillSuppressed = await _harness.Suppressions.IsSuppressedAsync("gone@example.com");
        await dialogs.Find(".unblock-reason textarea").InputAsync(new() { Value = "fixed a typo in the CRM" });
        await dialogs.Find("button.confirm-unblock").ClickAsync(new());
        await click;

        Assert.True(stillSuppressed);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("td[data-value='gone@example.com']")));
        Assert.False(await _harness.Suppressions.IsSuppressedAsync("gone@example.com"));
        var removal = (await _harness.Suppressions.HistoryAsync("gone@example.com")).Items[0];
        Assert.Equal(SuppressionHistoryAction.Removed, removal.Action);
        Assert.Equal("admin@test.example", removal.Actor);
        Assert.Equal("fixed a typo in the CRM", removal.Note);
    }

    [Theory]
    [InlineData(SuppressionReason.SpamComplaint, "reported your mail as spam")]
    [InlineData(SuppressionReason.Unsubscribe, "unsubscribed.")]
    public async Task UnblockingAComplaintOrUnsubscribeWarnsHardAndWaitsForTheTypedAddress(SuppressionReason reason, string said)
    {
        await _harness.Suppressions.AddAsync(new AddSuppressionRequest("angry@example.com", reason), SuppressionPageHarness.Admin);
        var page = RenderPage(out var dialogs);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("button[aria-label='Unblock angry@example.com']")));

        var click = page.Find("button[aria-label='Unblock angry@example.com']").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=override-warning]")));
        var warning = dialogs.Find("[data-testid=override-warning]");
        var warningText = warning.TextContent;
        var warningClass = warning.ClassName;
        var dialogText = dialogs.Find(".mud-dialog").TextContent;
        await dialogs.Find(".unblock-reason textarea").InputAsync(new() { Value = "they subscribed again on 1 March" });
        var disabledBeforeTyping = dialogs.Find("button.confirm-unblock").HasAttribute("disabled");
        await dialogs.Find(".confirm-value input").InputAsync(new() { Value = "someone-else@example.com" });
        var disabledAfterAWrongAddress = dialogs.Find("button.confirm-unblock").HasAttribute("disabled");
        var suppressedWhileWarned = await _harness.Suppressions.IsSuppressedAsync("angry@example.com");
        await dialogs.Find(".confirm-value input").InputAsync(new() { Value = "angry@example.com" });
        await dialogs.Find("button.confirm-unblock").ClickAsync(new());
        await click;

        Assert.Contains(said, warningText);
        Assert.Contains("mud-alert-filled-error", warningClass);
        Assert.Contains("blocklisting", dialogText);
        Assert.Contains("CAN-SPAM", dialogText);
        Assert.Contains("GDPR", dialogText);
        Assert.True(disabledBeforeTyping);
        Assert.True(disabledAfterAWrongAddress);
        Assert.True(suppressedWhileWarned);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("td[data-value='angry@example.com']")));
        Assert.False(await _harness.Suppressions.IsSuppressedAsync("angry@example.com"));
        Assert.Contains("override", (await _harness.Suppressions.HistoryAsync("angry@example.com")).Items[0].Note);
    }

    [Fact]
    public async Task TheAddDialogShowsErrorsOnTheFieldAndAddsWhenValid()
    {
        var page = RenderPage(out var dialogs);

        var click = page.Find("button.add-suppression").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find(".add-value input")));
        await dialogs.Find("button.confirm-add").ClickAsync(new());
        var emptyError = dialogs.Find(".add-value").TextContent;
        await dialogs.Find(".add-value input").InputAsync(new() { Value = "not an address" });
        await dialogs.Find("button.confirm-add").ClickAsync(new());
        var invalidError = dialogs.Find(".add-value").TextContent;
        var storedWhileInvalid = (await _harness.Suppressions.ListAsync(new SuppressionListQuery(ActiveOnly: false))).TotalCount;
        await dialogs.Find(".add-value input").InputAsync(new() { Value = "Someone@Example.com" });
        await dialogs.Find(".add-days input").InputAsync(new() { Value = "30" });
        await dialogs.Find(".add-note textarea").ChangeAsync(new() { Value = "asked by phone" });
        await dialogs.Find("button.confirm-add").ClickAsync(new());
        await click;

        Assert.Contains("Enter an address or a domain.", emptyError);
        Assert.Contains("\"not an address\" is neither an email address nor a domain.", invalidError);
        Assert.DoesNotContain("Parameter", invalidError);
        Assert.Equal(0, storedWhileInvalid);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("td[data-value='someone@example.com']")));
        var added = await _harness.Suppressions.FindActiveAsync("someone@example.com");
        Assert.NotNull(added);
        Assert.Equal(SuppressionReason.Manual, added.Reason);
        Assert.Equal(SuppressionPageHarness.Start.AddDays(30), added.ExpiresAt);
        Assert.Equal("asked by phone", added.Note);
        Assert.Equal("admin@test.example", added.CreatedBy);
    }

    [Fact]
    public async Task ANewSearchStartsOnTheFirstPage()
    {
        for (var i = 0; i < 30; i++)
        {
            await _harness.Suppressions.AddAsync(new AddSuppressionRequest($"user{i:00}@example.com"), SuppressionPageHarness.Admin);
            _harness.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        var page = RenderPage(out _);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("td[data-value='user29@example.com']")));
        await page.Find("button[aria-label='Next page']").ClickAsync(new());
        page.WaitForAssertion(() => Assert.NotNull(page.Find("td[data-value='user00@example.com']")));

        await page.Find(".search input").InputAsync(new() { Value = "user2" });

        // MudBlazor's debounce runs on the injected TimeProvider: the fake clock lets it elapse.
        AdvanceUntil(page, () => Assert.NotNull(page.Find("td[data-value='user29@example.com']")));
        Assert.Equal(10, page.FindAll("[data-testid=suppressions-table] td[data-value]").Count);
    }

    [Fact]
    public async Task TheValueInTheQueryStringSearchesAndScopesTheHistory()
    {
        await _harness.HardBounceAsync("gone@example.com");
        await _harness.HardBounceAsync("other@example.com");
        var navigation = _harness.Context.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("value", "gone@example.com"));
        _harness.Context.Render<MudPopoverProvider>();

        var page = _harness.Context.Render<SuppressionsPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("td[data-value='gone@example.com']")));
        await page.FindAll(".mud-tab").Single(t => t.TextContent.Contains("History")).ClickAsync(new());

        Assert.Empty(page.FindAll("td[data-value='other@example.com']"));
        page.WaitForAssertion(() => Assert.Contains("Added", page.Find("[data-testid=history-table]").TextContent));
        Assert.DoesNotContain("other@example.com", page.Find("[data-testid=history-table]").TextContent);
        Assert.Contains("Only gone@example.com", page.Markup);
    }

    [Fact]
    public async Task TheHistoryTabFollowsTheSearchBoxAndTheReasonFilter()
    {
        await _harness.HardBounceAsync("gone@example.com");
        await _harness.Suppressions.AddAsync(new AddSuppressionRequest("gone.too@example.com", SuppressionReason.Unsubscribe), SuppressionPageHarness.Admin);
        await _harness.Suppressions.AddAsync(new AddSuppressionRequest("other@example.org"), SuppressionPageHarness.Admin);
        var page = RenderPage(out _);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("td[data-value='other@example.org']")));
        await page.FindAll(".mud-tab").Single(t => t.TextContent.Contains("History")).ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("other@example.org", page.Find("[data-testid=history-table]").TextContent));

        await page.Find(".search input").InputAsync(new() { Value = "gone" });

        AdvanceUntil(page, () => Assert.DoesNotContain("other@example.org", page.Find("[data-testid=history-table]").TextContent));
        Assert.Contains("gone@example.com", page.Find("[data-testid=history-table]").TextContent);
        Assert.Contains("gone.too@example.com", page.Find("[data-testid=history-table]").TextContent);

        var reasonSelect = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Class?.Contains("reason-filter") == true);
        await page.InvokeAsync(() => reasonSelect.Instance.ValueChanged.InvokeAsync(nameof(SuppressionReason.Unsubscribe)));

        page.WaitForAssertion(() => Assert.DoesNotContain("gone@example.com", page.Find("[data-testid=history-table]").TextContent));
        Assert.Contains("gone.too@example.com", page.Find("[data-testid=history-table]").TextContent);
    }

    /// <summary>
    /// Moves the fake clock a second at a time until <paramref name="assertion"/> holds. The debounce's
    /// timer may start only after the input event is handled, possibly after a move of the clock; an
    /// assertion re-checked only on renders would then wait for a render that never comes, so each
    /// move gets its own short real-time wait (a loaded machine only takes more rounds).
    /// </summary>
    private void AdvanceUntil(IRenderedComponent<SuppressionsPage> page, Action assertion)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            _harness.Clock.Advance(TimeSpan.FromSeconds(1));
            try
            {
                page.WaitForAssertion(assertion, TimeSpan.FromMilliseconds(500));
                return;
            }
            catch (Bunit.Extensions.WaitForHelpers.WaitForFailedException) when (DateTime.UtcNow < deadline)
            {
            }
        }
    }
}
