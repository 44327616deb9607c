using Bunit;
using Dashboard.Components.Layout;
using Dashboard.Components.Shared;
using Dashboard.Core.Users;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Dashboard.Tests.Security;

/// <summary>The UI shows each role what it may do, and says why a button is off.</summary>
public sealed class RoleAwareUiTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();

    public Task InitializeAsync()
    {
        _context.Services.AddMudServices();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public void NavMenuShowsUsersToAdmins()
    {
        _context.AddAuthorization().SetAuthorized("admin@test.example").SetRoles(Roles.Admin);

        var nav = _context.Render<NavMenu>();

        Assert.Contains(nav.FindAll("a"), a => a.GetAttribute("href") == "/users");
    }

    [Fact]
    public void NavMenuHidesUsersFromMarketers()
    {
        _context.AddAuthorization().SetAuthorized("marketer@test.example").SetRoles(Roles.Marketer);

        var nav = _context.Render<NavMenu>();

        Assert.DoesNotContain(nav.FindAll("a"), a => a.GetAttribute("href") == "/users");
        Assert.Contains(nav.FindAll("a"), a => a.GetAttribute("href") == "/");
    }

    [Fact]
    public void AppBarShowsTheSignedInUserWithRoleAndSignOut()
    {
        _context.AddAuthorization().SetAuthorized("marketer@test.example").SetRoles(Roles.Marketer);

        var menu = _context.Render<UserMenu>();

        Assert.Contains("marketer@test.example", menu.Find("[data-testid=signed-in-user]").TextContent);
        Assert.Contains(Roles.Marketer, menu.Find("[data-testid=signed-in-user]").TextContent);
        Assert.Equal("/account/signout", menu.Find("form").GetAttribute("action"));
        Assert.NotNull(menu.Find("a[href='/account/change-password']"));
    }

    [Fact]
    public void AdminOnlyButtonWorksForAdmins()
    {
        _context.AddAuthorization().SetAuthorized("admin@test.example").SetRoles(Roles.Admin);
        var clicked = false;

        var button = RenderAdminOnlyButton(() => clicked = true);
        button.Find("button").Click();

        Assert.True(clicked);
        Assert.False(button.Find("button").HasAttribute("disabled"));
    }

    [Fact]
    public void AdminOnlyButtonIsDisabledForMarketersAndSaysWhy()
    {
        _context.AddAuthorization().SetAuthorized("marketer@test.example").SetRoles(Roles.Marketer);
        var popovers = _context.Render<MudPopoverProvider>();

        var button = RenderAdminOnlyButton(() => { });
        button.Find(".mud-tooltip-root").PointerEnter();

        Assert.True(button.Find("button").HasAttribute("disabled"));
        popovers.WaitForAssertion(() => Assert.Contains("Only admins can unblock addresses.", popovers.Markup));
    }

    [Fact]
    public void AdminOnlyButtonIsDisabledWhenNobodyIsSignedIn()
    {
        _context.AddAuthorization();

        var button = RenderAdminOnlyButton(() => { });

        Assert.True(button.Find("button").HasAttribute("disabled"));
    }

    private IRenderedComponent<AdminOnlyButton> RenderAdminOnlyButton(Action onClick) =>
        _context.Render<AdminOnlyButton>(parameters => parameters
            .Add(p => p.Action, "unblock addresses")
            .Add(p => p.OnClick, EventCallback.Factory.Create<Microsoft.AspNetCore.Components.Web.MouseEventArgs>(this, onClick))
            .AddChildContent("Unblock"));
}
