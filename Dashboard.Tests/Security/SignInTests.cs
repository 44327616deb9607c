using System.Net;
using Dashboard.Core.Users;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Security;

/// <summary>The sign-in form, lockout, disabled users, sign-out and the headers, through the real HTTP pipeline.</summary>
public sealed class SignInTests : IClassFixture<SignInTests.Factory>
{
    private readonly Factory _factory;

    public SignInTests(Factory factory) => _factory = factory;

    /// <summary>Checks the security stamp on every request, so a disabled user's cookie fails at once.</summary>
    public sealed class Factory : DashboardWebFactory
    {
        public Factory() => ConfigureServices = services =>
            services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
    }

    [Fact]
    public async Task RightPasswordSignsInAndGoesBackToTheRequestedPage()
    {
        var user = await NewUserAsync(Roles.Marketer);
        using var client = Client();

        using var response = await FormPoster.PostAsync(client, "/account/signin?ReturnUrl=%2Fnot-found", new Dictionary<string, string>
        {
            ["Input.Email"] = user.Email,
            ["Input.Password"] = user.Password,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/not-found", new Uri(client.BaseAddress!, response.Headers.Location!).AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task SignedInUserOpeningTheSignInPageGoesOnToTheApp()
    {
        var user = await NewUserAsync(Roles.Marketer);
        using var client = Client();
        await FormPoster.SignInAsync(client, user.Email, user.Password);

        using var response = await client.GetAsync("/account/signin?ReturnUrl=%2Fsend");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/send", new Uri(client.BaseAddress!, response.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task SignInNeverRedirectsToAnotherSite()
    {
        var user = await NewUserAsync(Roles.Marketer);
        using var client = Client();

        using var response = await FormPoster.PostAsync(client, "/account/signin?ReturnUrl=%2F%2Fevil.example%2F", new Dictionary<string, string>
        {
            ["Input.Email"] = user.Email,
            ["Input.Password"] = user.Password,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = new Uri(client.BaseAddress!, response.Headers.Location!);
        Assert.Equal(client.BaseAddress!.Host, location.Host);
        Assert.Equal("/", location.AbsolutePath);
    }

    [Fact]
    public async Task WrongPasswordSaysSoAndSetsNoCookie()
    {
        var user = await NewUserAsync(Roles.Marketer);
        using var client = Client();

        using var response = await FormPoster.SignInAsync(client, user.Email, "not-the-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wrong email or password.", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccountEvenAgainstTheRightOne()
    {
        var user = await NewUserAsync(Roles.Marketer);
        using var client = Client();
        for (var attempt = 0; attempt < PasswordPolicy.MaxFailedAttempts; attempt++)
        {
            await FormPoster.SignInAsync(client, user.Email, $"wrong-password-{attempt}");
        }

        using var response = await FormPoster.SignInAsync(client, user.Email, user.Password);

        Assert.Contains("this account is locked for 15 minutes", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
        var summary = (await Admin().ListAsync(Actor.System)).Single(u => u.Email == user.Email);
        Assert.True(summary.IsLockedOut);
    }

    [Fact]
    public async Task AWrongPasswordOnADisabledOrLockedAccountAnswersExactlyAsForAnUnknownAddress()
    {
        var disabled = await NewUserAsync(Roles.Marketer);
        await Admin().SetDisabledAsync(await IdOfAsync(disabled), disabled: true, Actor.System);
        var locked = await NewUserAsync(Roles.Marketer);
        using var client = Client();
        for (var attempt = 0; attempt < PasswordPolicy.MaxFailedAttempts; attempt++)
        {
            await FormPoster.SignInAsync(client, locked.Email, $"wrong-password-{attempt}");
        }

        using var unknown = await FormPoster.SignInAsync(client, "nobody-here@test.example", "wrong-password");
        using var onDisabled = await FormPoster.SignInAsync(client, disabled.Email, "wrong-password");
        using var onLocked = await FormPoster.SignInAsync(client, locked.Email, "wrong-password");

        var expected = ErrorOf(await unknown.Content.ReadAsStringAsync());
        Assert.Equal("Wrong email or password.", expected);
        Assert.Equal(expected, ErrorOf(await onDisabled.Content.ReadAsStringAsync()));
        Assert.Equal(expected, ErrorOf(await onLocked.Content.ReadAsStringAsync()));
        Assert.Equal(unknown.StatusCode, onDisabled.StatusCode);
        Assert.Equal(unknown.StatusCode, onLocked.StatusCode);
    }

    // The page's error text: the only part of the answer that depends on the account.
    private static string ErrorOf(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "(Wrong email or password\\.|This account is disabled[^<]*|Too many wrong passwords[^<]*)").Value;

    [Fact]
    public async Task DisabledUserCannotSignIn()
    {
        var user = await NewUserAsync(Roles.Marketer);
        await Admin().SetDisabledAsync(await IdOfAsync(user), disabled: true, Actor.System);
        using var client = Client();

        using var response = await FormPoster.SignInAsync(client, user.Email, user.Password);

        Assert.Contains("This account is disabled.", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task DisablingAUserEndsTheSessionTheyHave()
    {
        var user = await NewUserAsync(Roles.Marketer);
        using var client = Client();
        await FormPoster.SignInAsync(client, user.Email, user.Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        await Admin().SetDisabledAsync(await IdOfAsync(user), disabled: true, Actor.System);

        using var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/signin", new Uri(client.BaseAddress!, response.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task SignOutEndsTheSession()
    {
        var user = await NewUserAsync(Roles.Marketer);
        using var client = Client();
        await FormPoster.SignInAsync(client, user.Email, user.Password);

        using var signOut = await SignOutAsync(client);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task SignInWithoutAntiforgeryTokenIsRefused()
    {
        var user = await NewUserAsync(Roles.Marketer);
        using var client = Client();

        using var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["Input.Email"] = user.Email,
            ["Input.Password"] = user.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task SignOutWithoutAntiforgeryTokenIsRefused()
    {
        var user = await NewUserAsync(Roles.Marketer);
        using var client = Client();
        await FormPoster.SignInAsync(client, user.Email, user.Password);

        using var response = await client.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task UserChangesTheirOwnPasswordAndStaysSignedIn()
    {
        var user = await NewUserAsync(Roles.Marketer);
        using var client = Client();
        await FormPoster.SignInAsync(client, user.Email, user.Password);

        using var response = await FormPoster.PostAsync(client, "/account/change-password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = user.Password,
            ["Input.NewPassword"] = "a-brand-new-passphrase",
            ["Input.ConfirmPassword"] = "a-brand-new-passphrase",
        });

        Assert.Contains("Your password was changed.", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        using var fresh = Client();
        Assert.Equal(HttpStatusCode.Redirect, (await FormPoster.SignInAsync(fresh, user.Email, "a-brand-new-passphrase")).StatusCode);
    }

    [Fact]
    public async Task ResponsesCarryTheSecurityHeaders()
    {
        using var client = Client();

        using var response = await client.GetAsync("/account/signin");

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("script-src 'self' 'nonce-", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task AuthCookieIsHttpOnlyAndSameSite()
    {
        var user = await NewUserAsync(Roles.Marketer);
        using var signedIn = Client();
        using var response = await FormPoster.SignInAsync(signedIn, user.Email, user.Password);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("dashboard.auth="));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    private HttpClient Client() => _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private UserAdminService Admin() => _factory.Services.GetRequiredService<UserAdminService>();

    private async Task<NewUser> NewUserAsync(string role)
    {
        var user = new NewUser($"{Guid.NewGuid():N}@test.example", null, role, "a-long-enough-password");
        await Admin().CreateAsync(user, Actor.System);
        return user;
    }

    private async Task<string> IdOfAsync(NewUser user) =>
        (await Admin().ListAsync(Actor.System)).Single(u => u.Email == user.Email).Id;

    /// <summary>Posts the app bar's sign-out form (on every page) with its antiforgery token.</summary>
    private static async Task<HttpResponseMessage> SignOutAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/account/change-password");
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        return await client.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
        }));
    }
}
