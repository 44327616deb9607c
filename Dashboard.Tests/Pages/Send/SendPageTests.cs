using Bunit;
using Dashboard.Core;
using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Dashboard.Core.Users;
using Dashboard.Security;
using Dashboard.Tests.Support;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.JSInterop;
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
    private readonly BunitJSModuleInterop _form;

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
            // The return path is signed by default (issue 9 §6): the page's tests send signed mail too.
            ["ReturnPath:SigningKey"] = "a-long-enough-signing-key-for-the-send-page-tests-0123456789",
        }).Build();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _form = _context.JSInterop.SetupModule("./Components/Pages/Send/Send.razor.js");
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
        // Each outcome links to that message's timeline.
        Assert.StartsWith("activity/", hard.QuerySelector("a.timeline-link")!.GetAttribute("href"));
        // The form keeps what was typed (the page never writes the fields), to send again after fixing the cause.
        AssertFieldsLeftAsTyped(cut);
        await using var db = _database.CreateContext();
        Assert.Equal([Marketer, Marketer, Marketer], await db.Messages.Select(m => m.SubmittedBy).ToListAsync());
    }

    [Fact]
    public async Task InvalidSenderIsMarkedOnTheFromFieldAndNothingTypedIsLost()
    {
        var cut = RenderPage();
        Fill(cut, from: "not an address", to: "ok@example.net, two@example.net", subject: "Quarterly news", text: "Body text\nline two");

        await cut.Find("[data-testid=send]").ClickAsync(new());
        cut.WaitForElement("[data-field=from].has-error", TimeSpan.FromSeconds(15));

        Assert.Contains("not an address", cut.Find("[data-field=from] .field-error-text").TextContent);
        Assert.Empty(cut.FindAll("[data-field=to].has-error"));
        Assert.Empty(cut.FindAll("[data-field=subject].has-error"));
        Assert.Equal("true", cut.Find("[data-field=from] input").GetAttribute("aria-invalid"));
        AssertFieldsLeftAsTyped(cut);
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
        cut.WaitForElement("[data-field=text-body].has-error", TimeSpan.FromSeconds(15));

        Assert.Empty(cut.FindAll("[data-field=from].has-error"));
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

    [Fact]
    public async Task EveryInvalidFieldIsMarkedAtOnce()
    {
        var cut = RenderPage();
        Fill(cut, from: "nobody", to: "bob@", subject: "two\nlines", text: " ");

        await cut.Find("[data-testid=send]").ClickAsync(new());
        cut.WaitForElement("[data-field=text-body].has-error", TimeSpan.FromSeconds(15));

        Assert.Equal(4, cut.FindAll(".send-field.has-error").Count);
        Assert.Contains("\"nobody\" is not a valid email address", cut.Find("[data-field=from] .field-error-text").TextContent);
        Assert.Contains("\"bob@\" is not a valid email address", cut.Find("[data-field=to] .field-error-text").TextContent);
        Assert.Contains("single line", cut.Find("[data-field=subject] .field-error-text").TextContent);
        Assert.Contains("Write a text or an HTML body", cut.Find("[data-field=text-body] .field-error-text").TextContent);
        Assert.Contains("correct the 4 marked fields", cut.Find("[data-testid=form-error]").TextContent);
        await using var db = _database.CreateContext();
        Assert.Equal(0, await db.Messages.CountAsync());
    }

    [Fact]
    public async Task MoreThanTheRecipientLimitIsRefusedNamingTheLimit()
    {
        var cut = RenderPage();
        Fill(cut, from: "news@example.com", to: string.Join("\n", Enumerable.Range(0, 1_200).Select(i => $"r{i}@example.net")), subject: "Many", text: "Hi");

        await cut.Find("[data-testid=send]").ClickAsync(new());
        cut.WaitForElement("[data-field=to].has-error", TimeSpan.FromSeconds(15));

        Assert.Contains("1,200 recipients is more than the limit of 100", cut.Find("[data-field=to] .field-error-text").TextContent);
        Assert.Empty(_smtp.Accepted);
    }

    private static void AssertFieldsLeftAsTyped(IRenderedComponent<SendPage> cut)
    {
        foreach (var field in cut.FindAll("form.send-form input, form.send-form textarea"))
        {
            Assert.False(field.HasAttribute("value"), $"the page wrote {field.Id}");
            Assert.Equal("", field.TextContent);
        }
    }

    private IRenderedComponent<SendPage> RenderPage()
    {
        _context.Render<MudPopoverProvider>();
        return _context.Render<SendPage>();
    }

    // What the browser's readForm hands over on Send (the browser is the seam; SendJourneys drives the real one).
    private void Fill(IRenderedComponent<SendPage> cut, string from, string to, string subject, string text)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new { from, to, subject, textBody = text, htmlBody = "" });
        _form.Setup<IJSStreamReference>("readForm", _ => true).SetResult(new BrowserFormStream(json));
        Assert.NotNull(cut);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _smtp.DisposeAsync();
        _database.Dispose();
    }
}

/// <summary>The bytes the browser's readForm returns, as Blazor hands them to .NET.</summary>
file sealed class BrowserFormStream(byte[] data) : IJSStreamReference
{
    public long Length => data.Length;

    public ValueTask<Stream> OpenReadStreamAsync(long maxAllowedSize = 512_000, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<Stream>(new MemoryStream(data, writable: false));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
