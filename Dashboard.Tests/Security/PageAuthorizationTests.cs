using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dashboard.Tests.Security;

/// <summary>No page, and not the Blazor hub, answers someone who has not signed in.</summary>
public sealed class PageAuthorizationTests(DashboardWebFactory factory) : IClassFixture<DashboardWebFactory>
{
    /// <summary>Every routable page of the app, found by reflection so new pages are covered without editing this test.</summary>
    public static TheoryData<string> ProtectedPages() => new(ProtectedUrls());

    private static List<string> ProtectedUrls() => typeof(Program).Assembly.GetTypes()
        .Where(t => typeof(IComponent).IsAssignableFrom(t) && t.GetCustomAttribute<AllowAnonymousAttribute>() is null)
        .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
        .Select(r => ConcreteUrl(r.Template))
        .Distinct()
        .ToList();

    [Theory]
    [MemberData(nameof(ProtectedPages))]
    public async Task AnonymousRequestToPageRedirectsToSignIn(string url)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = new Uri(client.BaseAddress!, response.Headers.Location!);
        Assert.Equal("/account/signin", location.AbsolutePath);
        Assert.Contains("ReturnUrl=", location.Query);
    }

    [Fact]
    public void EveryPageIsCoveredIncludingTheAdminPages()
    {
        var pages = ProtectedUrls();

        Assert.Contains("/", pages);
        Assert.Contains("/users", pages);
        Assert.Contains("/account/change-password", pages);
        Assert.DoesNotContain("/account/signin", pages);
    }

    [Fact]
    public async Task BlazorHubRefusesAnAnonymousCircuit()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task BlazorHubAcceptsASignedInCircuit()
    {
        await factory.SeedUsersAsync();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await FormPoster.SignInAsync(client, DashboardWebFactory.Marketer.Email, DashboardWebFactory.Marketer.Password);

        using var response = await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SignInPageAndStaticAssetsAreOpenToEveryone()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var signIn = await client.GetAsync("/account/signin");
        using var script = await client.GetAsync("/_framework/blazor.web.js");
        using var styles = await client.GetAsync("/_content/MudBlazor/MudBlazor.min.css");

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal(HttpStatusCode.OK, styles.StatusCode);
    }

    [Fact]
    public async Task MarketerIsRefusedTheUsersPage()
    {
        await factory.SeedUsersAsync();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await FormPoster.SignInAsync(client, DashboardWebFactory.Marketer.Email, DashboardWebFactory.Marketer.Password);

        using var users = await client.GetAsync("/users");
        using var overview = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, users.StatusCode);
        Assert.Equal("/account/access-denied", new Uri(client.BaseAddress!, users.Headers.Location!).AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
    }

    [Fact]
    public async Task AdminOpensTheUsersPage()
    {
        await factory.SeedUsersAsync();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await FormPoster.SignInAsync(client, DashboardWebFactory.Admin.Email, DashboardWebFactory.Admin.Password);

        using var users = await client.GetAsync("/users");

        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        Assert.Contains(DashboardWebFactory.Marketer.Email, await users.Content.ReadAsStringAsync());
    }

    /// <summary>"/messages/{id:guid}" becomes "/messages/&lt;a guid&gt;", and so on.</summary>
    private static string ConcreteUrl(string template)
    {
        var url = Regex.Replace(template, @"\{([^}]*)\}", m =>
        {
            var parameter = m.Groups[1].Value;
            if (parameter.EndsWith('?'))
            {
                return "";
            }
            return parameter.Contains(":guid") ? Guid.Empty.ToString()
                : parameter.Contains(":int") || parameter.Contains(":long") ? "1"
                : "x";
        });
        return "/" + url.Trim('/');
    }
}
