using System.Text;
using Bunit;
using Dashboard.Core.Bounces;
using Dashboard.Core.Bounces.Inbound;
using Dashboard.Core.Users;
using Dashboard.Security;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using UnmatchedPage = Dashboard.Components.Pages.Unmatched.UnmatchedMail;

namespace Dashboard.Tests.Pages.Unmatched;

/// <summary>The admins' list of inbound mail that matched no message, on the real service and database.</summary>
public sealed class UnmatchedPageTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly BunitContext _context = new();

    public Task InitializeAsync()
    {
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddMudServices();
        _context.Services.AddSingleton(new UnmatchedBounceService(_database.Factory, TestLedger.Create(_database, TimeProvider.System), TimeProvider.System));
        _context.Services.AddScoped<CurrentActor>();
        _context.AddAuthorization().SetAuthorized("admin@test.example").SetRoles(Roles.Admin);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task KeptMailIsListedWithWhyAndItsRawSourceIsShownAsText()
    {
        await using (var db = _database.CreateContext())
        {
            db.UnmatchedBounces.Add(new UnmatchedBounce
            {
                ReceivedAt = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero),
                EnvelopeFrom = "mailer-daemon@mx.example.org",
                EnvelopeTo = "bounces+forged-token@bounces.shop.example",
                Subject = "Undelivered Mail Returned to Sender",
                Why = "The return-path token's signature is not ours (forged or damaged).",
                Raw = Encoding.ASCII.GetBytes("Subject: Undelivered\r\n\r\n<script>alert('x')</script> 550 5.1.1 User unknown\r\n"),
            });
            await db.SaveChangesAsync();
        }
        _context.Render<MudPopoverProvider>();

        var page = _context.Render<UnmatchedPage>();

        page.WaitForAssertion(() => Assert.Contains("signature is not ours", page.Find("[data-testid=why]").TextContent));
        page.Find("[data-testid=unmatched-table] tbody tr").Click();
        page.WaitForAssertion(() => Assert.Contains("550 5.1.1 User unknown", page.Find("[data-testid=unmatched-raw] pre").TextContent));
        Assert.Contains("&lt;script&gt;", page.Find("[data-testid=unmatched-raw] pre").InnerHtml);
        Assert.Empty(page.FindAll("[data-testid=unmatched-raw] script"));
    }

    [Fact]
    public async Task AMarketerIsRefusedByTheServiceItself()
    {
        var service = new UnmatchedBounceService(_database.Factory, TestLedger.Create(_database, TimeProvider.System), TimeProvider.System);
        var marketer = new Actor("marketer@test.example", new HashSet<string> { Roles.Marketer });

        await Assert.ThrowsAsync<ForbiddenException>(() => service.ListAsync(marketer));
        await Assert.ThrowsAsync<ForbiddenException>(() => service.GetRawAsync(1, marketer));
    }
}
