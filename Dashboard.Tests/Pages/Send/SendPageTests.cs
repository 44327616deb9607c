using Bunit;
using Dashboard.Core;
using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Dashboard.Core.Users;
using Dashboard.Security;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using SendPage = Dashboard.Components.Pages.Send.Send;

namespace Dashboard.Tests.Pages.Send;

/// <summary>
/// The Send page, signed in as a marketer, over the real pipeline (AddDashboardCore, Smarthost transport) to a real SMTP
/// server on loopback, storing into a real SQLite database.
/// </summary>
public sealed class SendPageTests : IAsyncLifetime
{
    private const string Marketer = "marketer@test.example";

    private readonly TestDatabase _database = new();
    private readonly LoopbackSmtpServer _smtp = new();
    private readonly BunitContext _context = new();

    public SendPageTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Path"] = "unused-the-tests-replace-the-factory.db",
            ["Sending:Transport"] = "Smarthost",
            ["Sending:Smarthost:Host"] = "127.0.0.1",
            ["Sending:Smarthost:Port"] = _smtp.Port.ToString(),
            ["Sending:Smarthost:Tls"] = "None",
            ["Sending:TimeoutSeconds"] = "10",
        }).Build();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddMudServices();
        _context.Services.AddLogging();
        _context.Services.AddDashboardCore(configuration);
        _context.Services.AddSingleton(_database.Factory);
        _context.AddAuthorization().SetAuthorized(Marketer).SetRoles(Roles.Marketer);
        _context.Services.AddScoped<CurrentActor>();
    }

    [Fact]
    public async Task SendingListsEachRecipientsOutcomeWithTheServersReplyAndAdvice()
    {
        var cut = RenderPage();
        Fill(cut, from: "news@example.com", to: "ok@example.net,\nunknown@example.net; full@example.net", subject: "Hello", text: "Hi there");

        await cut.Find("[data-testid=send]").ClickAsync(new());
        cut.WaitForElement("[data-testid=outcomes]", TimeSpan.FromSeconds(15));

        var delivered = cut.Find("[data-recipient='ok@example.net']");
        Assert.Equal(nameof(MessageStatus.Delivered), delivered.GetAttribute("data-status"));
        var hard = cut.Find("[data-recipient='unknown@example.net']");
        Assert.Equal(nameof(MessageStatus.HardBounced), hard.GetAttribute("data-status"));
        Assert.Contains("550", hard.QuerySelector(".codes")!.TextContent);
        Assert.Contains("5.1.1", hard.QuerySelector(".codes")!.TextContent);
        Assert.Contains(LoopbackSmtpServer.UnknownUserReply, hard.QuerySelector(".response")!.TextContent);
        Assert.Contains("The mailbox does not exist (userunknown)", hard.TextContent);
        Assert.False(string.IsNullOrWhiteSpace(hard.QuerySelector(".advice")?.TextContent));
        var soft = cut.Find("[data-recipient='full@example.net']");
        Assert.Equal(nameof(MessageStatus.SoftBounced), soft.GetAttribute("data-status"));
        Assert.Contains(LoopbackSmtpServer.MailboxFullReply, soft.QuerySelector(".response")!.TextContent);
        Assert.Equal(["ok@example.net"], Assert.Single(_smtp.Accepted));
        // The form keeps what was typed, to send again after fixing the cause.
        Assert.Equal("Hello", cut.Find("[data-field=subject] input").GetAttribute("value"));
        await using var db = _database.CreateContext();
        Assert.Equal([Marketer, Marketer, Marketer], await db.Messages.Select(m => m.SubmittedBy).ToListAsync());
    }

    [Fact]
    public async Task InvalidSenderIsMarkedOnTheFromFieldAndNothingTypedIsLost()
    {
        var cut = RenderPage();
        Fill(cut, from: "not an address", to: "ok@example.net, two@example.net", subject: "Quarterly news", text: "Body text\nline two");

        await cut.Find("[data-testid=send]").ClickAsync(new());
        cut.WaitForElement("[data-field=from] .mud-input-error", TimeSpan.FromSeconds(15));

        Assert.Contains("not an address", cut.Find("[data-field=from] .mud-input-error").TextContent);
        Assert.Empty(cut.FindAll("[data-field=to] .mud-input-error"));
        Assert.Empty(cut.FindAll("[data-field=subject] .mud-input-error"));
        Assert.Equal("not an address", cut.Find("[data-field=from] input").GetAttribute("value"));
        Assert.Equal("ok@example.net, two@example.net", cut.Find("[data-field=to] textarea").GetAttribute("value"));
        Assert.Equal("Quarterly news", cut.Find("[data-field=subject] input").GetAttribute("value"));
        Assert.Equal("Body text\nline two", cut.Find("[data-field=text-body] textarea").GetAttribute("value"));
        Assert.Empty(cut.FindAll("[data-testid=outcomes]"));
        await using var db = _database.CreateContext();
        Assert.Equal(0, await db.Messages.CountAsync());
        Assert.Empty(_smtp.Accepted);
    }

    [Fact]
    public async Task MissingBodyIsMarkedOnTheTextBody()
    {
        var cut = RenderPage();
        Fill(cut, from: "news@example.com", to: "ok@example.net", subject: "No body", text: "");

        await cut.Find("[data-testid=send]").ClickAsync(new());
        cut.WaitForElement("[data-field=text-body] .mud-input-error", TimeSpan.FromSeconds(15));

        Assert.Empty(cut.FindAll("[data-field=from] .mud-input-error"));
        Assert.Equal("No body", cut.Find("[data-field=subject] input").GetAttribute("value"));
        Assert.Contains("Nothing was sent", cut.Find("[data-testid=form-error]").TextContent);
    }

    [Fact]
    public async Task WhileSendingThePageShowsProgressAndRefusesASecondSubmit()
    {
        var cut = RenderPage();
        Fill(cut, from: "news@example.com", to: "ok@example.net", subject: "Slow", text: "Hi");
        _smtp.Hold();

        var sending = cut.Find("[data-testid=send]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=send]").HasAttribute("disabled")), TimeSpan.FromSeconds(15));

        Assert.NotEmpty(cut.FindAll(".mud-progress-linear"));
        Assert.Contains("Sending", cut.Find("[data-testid=send]").TextContent);
        _smtp.Release();
        await sending;
        cut.WaitForElement("[data-testid=outcomes]", TimeSpan.FromSeconds(15));
        Assert.False(cut.Find("[data-testid=send]").HasAttribute("disabled"));
        Assert.Single(_smtp.Accepted);
        await using var db = _database.CreateContext();
        Assert.Equal(1, await db.Messages.CountAsync());
    }

    private IRenderedComponent<SendPage> RenderPage()
    {
        _context.Render<MudPopoverProvider>();
        return _context.Render<SendPage>();
    }

    private static void Fill(IRenderedComponent<SendPage> cut, string from, string to, string subject, string text)
    {
        cut.Find("[data-field=from] input").Change(from);
        cut.Find("[data-field=to] textarea").Change(to);
        cut.Find("[data-field=subject] input").Change(subject);
        cut.Find("[data-field=text-body] textarea").Change(text);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _smtp.DisposeAsync();
        _database.Dispose();
    }
}
