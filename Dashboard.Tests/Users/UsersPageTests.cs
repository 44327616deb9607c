using Bunit;
using Dashboard.Core.Users;
using Dashboard.Security;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using UsersPage = Dashboard.Components.Pages.Users.Users;

namespace Dashboard.Tests.Users;

/// <summary>The Users page on the real UserAdminService and database.</summary>
public sealed class UsersPageTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();
    private readonly UserServices _services = new();

    public async Task InitializeAsync()
    {
        await _services.EnsureRolesAsync();
        await _services.Admin.CreateAsync(new NewUser("admin@test.example", "The Admin", Roles.Admin, "admin-password-123"), Actor.System);
        await _services.Admin.CreateAsync(new NewUser("marketer@test.example", null, Roles.Marketer, "marketer-password-123"), Actor.System);
        _context.Services.AddMudServices();
        _context.Services.AddSingleton(_services.Admin);
        _context.Services.AddScoped<CurrentActor>();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.AddAuthorization().SetAuthorized("admin@test.example").SetRoles(Roles.Admin);
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _services.DisposeAsync();
    }

    [Fact]
    public void ListsUsersWithRolesAndTheAuditLog()
    {
        _context.Render<MudPopoverProvider>();

        var page = _context.Render<UsersPage>();

        page.WaitForAssertion(() => Assert.Contains("marketer@test.example", page.Find("[data-testid=users-table]").TextContent));
        Assert.Contains("The Admin", page.Markup);
        Assert.Contains("created", page.Find("[data-testid=audit-log]").TextContent);
    }

    [Fact]
    public void TheLastAdminsDisableButtonIsOffAndOthersAreOn()
    {
        _context.Render<MudPopoverProvider>();

        var page = _context.Render<UsersPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("button[aria-label='Disable admin@test.example']")));
        Assert.True(page.Find("button[aria-label='Disable admin@test.example']").HasAttribute("disabled"));
        Assert.False(page.Find("button[aria-label='Disable marketer@test.example']").HasAttribute("disabled"));
    }

    [Fact]
    public async Task DisablingAUserAsksFirstThenDisablesAndAudits()
    {
        var dialogs = _context.Render<MudDialogProvider>();
        _context.Render<MudPopoverProvider>();
        var page = _context.Render<UsersPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("button[aria-label='Disable marketer@test.example']")));

        // The click handler waits for the confirmation, so its task completes only after "Disable".
        var click = page.Find("button[aria-label='Disable marketer@test.example']").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("cannot sign in until enabled again", dialogs.Markup));
        Assert.False(await IsDisabledAsync("marketer@test.example"));
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Disable").ClickAsync(new());
        await click;

        page.WaitForAssertion(() => Assert.NotNull(page.Find("button[aria-label='Enable marketer@test.example']")));
        Assert.True(await IsDisabledAsync("marketer@test.example"));
        Assert.Contains("disabled", page.Find("[data-testid=audit-log]").TextContent);
    }

    [Fact]
    public async Task ChangingARoleAsksFirstAndCancelLeavesItAsItWas()
    {
        var dialogs = _context.Render<MudDialogProvider>();
        _context.Render<MudPopoverProvider>();
        var page = _context.Render<UsersPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindComponents<MudSelect<string>>()));
        // The only select: the last admin's role is locked.
        var roleSelect = page.FindComponents<MudSelect<string>>().Single();

        var cancelled = page.InvokeAsync(() => roleSelect.Instance.ValueChanged.InvokeAsync(Roles.Admin));
        dialogs.WaitForAssertion(() => Assert.Contains("Make marketer@test.example an admin?", dialogs.Markup));
        Assert.Equal(Roles.Marketer, await RoleOfAsync("marketer@test.example"));
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").ClickAsync(new());
        await cancelled;
        Assert.Equal(Roles.Marketer, await RoleOfAsync("marketer@test.example"));

        var confirmed = page.InvokeAsync(() => roleSelect.Instance.ValueChanged.InvokeAsync(Roles.Admin));
        dialogs.WaitForAssertion(() => Assert.Contains("Make admin", dialogs.Markup));
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Make admin").ClickAsync(new());
        await confirmed;

        Assert.Equal(Roles.Admin, await RoleOfAsync("marketer@test.example"));
    }

    private async Task<string> RoleOfAsync(string email) =>
        (await _services.Admin.ListAsync(Actor.System)).Single(u => u.Email == email).Role;

    private async Task<bool> IsDisabledAsync(string email) =>
        (await _services.Admin.ListAsync(Actor.System)).Single(u => u.Email == email).IsDisabled;
}
