using Bunit;
using Dashboard.Components.Pages.ActivityReport;
using Dashboard.Core.Activity;
using Dashboard.Core.Messages;
using MudBlazor.Services;

namespace Dashboard.Tests.Activity;

public sealed class MessageTimelineTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private readonly BunitContext _context = new();

    public MessageTimelineTests()
    {
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddMudServices();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private static TimelineEvent Event(MessageEventType type, string? response = null, int? code = null, string? enhanced = null,
        string? reason = null, bool? hard = null, string? rule = null, string? evidence = null, string? advice = null) =>
        new(1, At, type, code, enhanced, response, "mx1.example.com", reason, hard, rule, evidence, advice, null, "demo", null);

    [Fact]
    public void HardBounceShowsTheFullResponseReasonEvidenceAndAdvice()
    {
        const string response = "550-5.1.1 The email account that you tried to reach does not exist. Please try\n"
            + "550-5.1.1 double-checking the recipient's email address for typos or\n"
            + "550 5.1.1 unnecessary spaces. https://support.example/mail/?p=NoSuchUser a1si123-gsmtp";
        var events = new[]
        {
            Event(MessageEventType.Queued),
            Event(MessageEventType.HardBounce, response, 550, "5.1.1", "userunknown", true, "user-does-not-exist",
                "does not exist", "Remove the address from your list."),
        };

        var timeline = _context.Render<MessageTimeline>(p => p.Add(t => t.Events, events));

        var items = timeline.FindAll("[data-testid=timeline-event]");
        Assert.Equal(2, items.Count);
        Assert.Equal(response, timeline.Find("[data-testid=server-response]").TextContent);
        Assert.Contains("The mailbox does not exist", timeline.Find("[data-testid=verdict-reason]").TextContent);
        Assert.Contains("hard", timeline.Find("[data-testid=verdict-reason]").TextContent);
        Assert.Contains("user-does-not-exist", timeline.Find("[data-testid=verdict-why]").TextContent);
        Assert.Contains("does not exist", timeline.Find("[data-testid=verdict-why] q").TextContent);
        Assert.Equal("Remove the address from your list.", timeline.Find("[data-testid=verdict-advice]").TextContent);
        Assert.Contains("550", items[1].TextContent);
        Assert.Contains("5.1.1", items[1].TextContent);
        Assert.Contains("mx1.example.com", items[1].TextContent);
    }

    [Fact]
    public void TheQueuedEventSaysWhetherAndWithWhichSelectorTheMessageWasSigned()
    {
        var events = new[] { Event(MessageEventType.Queued), Event(MessageEventType.Delivered, "250 ok", 250) };
        var signed = new MessageDetail(1, "p1", MessageStatus.Delivered, "a@example.com", "news@shop.example", "Hi", null, 10,
            MessageSource.Ui, "admin", At, At, false, 250, null, null, null, true, null, [], []) { DkimDomain = "shop.example", DkimSelector = "dash1" };

        var timeline = _context.Render<MessageTimeline>(p => p.Add(t => t.Events, events).Add(t => t.Signing, signed.Signing).Add(t => t.Signed, true));
        var unsigned = _context.Render<MessageTimeline>(p => p.Add(t => t.Events, events).Add(t => t.Signing, (signed with { DkimDomain = null }).Signing));

        var line = timeline.Find(".timeline-dkim");
        Assert.Equal("true", line.GetAttribute("data-signed"));
        Assert.Contains("DKIM-signed as shop.example with the selector dash1", line.TextContent);
        Assert.Single(timeline.FindAll(".timeline-dkim"));
        Assert.Equal("false", unsigned.Find(".timeline-dkim").GetAttribute("data-signed"));
        Assert.Contains("Not DKIM-signed by the dashboard", unsigned.Find(".timeline-dkim").TextContent);
    }

    [Fact]
    public void ScriptInAResponseIsShownAsTextAndNeverBecomesAnElement()
    {
        const string hostile = "550 5.7.1 <script>alert('owned')</script><img src=x onerror=alert(1)> rejected";

        var timeline = _context.Render<MessageTimeline>(p => p.Add(t => t.Events,
            [Event(MessageEventType.SoftBounce, hostile, 550, "5.7.1", "<b>spamdetected</b>", false, "<i>rule</i>", "<script>x</script>", "<u>advice</u>")]));

        Assert.Contains("&lt;script&gt;alert(", timeline.Markup);
        Assert.Contains("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;", timeline.Markup);
        Assert.Empty(timeline.FindAll("script"));
        Assert.Empty(timeline.FindAll("img"));
        Assert.Empty(timeline.FindAll("u"));
        Assert.DoesNotContain(timeline.FindAll("b, i"), e => e.TextContent is "spamdetected" or "rule");
        Assert.Equal(hostile, timeline.Find("[data-testid=server-response]").TextContent);
    }

    [Fact]
    public void RejectedEventShowsTheSuppressionThatCausedIt()
    {
        var suppression = new SuppressionSummary(7, "gone@example.com", Core.Suppressions.SuppressionScope.Address,
            Core.Suppressions.SuppressionReason.HardBounce, At.AddDays(-1), At.AddDays(6), null, null);
        var rejected = Event(MessageEventType.Rejected) with { Suppression = suppression, Detail = "Not sent: the address is suppressed." };

        var timeline = _context.Render<MessageTimeline>(p => p.Add(t => t.Events, [rejected]));

        var text = timeline.Find("[data-testid=timeline-suppression]").TextContent;
        Assert.Contains("gone@example.com", text);
        Assert.Contains("hard bounce", text);
        Assert.DoesNotContain("HardBounce", text);
        Assert.Contains("2026-11-26", text);
    }
}
