using System.Net;
using Dashboard.Core.Users;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Security;

/// <summary>Failed sign-ins counted per client address, across accounts, through the real HTTP pipeline.</summary>
public sealed class SignInThrottleTests : IAsyncLifetime
{
    private const int Limit = 3;
    private readonly DashboardWebFactory _factory = new();

    public SignInThrottleTests()
    {
        _factory.Settings["Security:SignInFailuresPerAddress"] = Limit.ToString();
        _factory.Settings["Security:SignInFailureWindowMinutes"] = "10";
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task AnAddressThatFailedTooOftenIsRefusedEvenWithTheRightPassword()
    {
        var user = await NewUserAsync();
        using var client = Client();
        // Failures spread over accounts that do not exist: the per-account lockout never sees them.
        for (var attempt = 0; attempt < Limit; attempt++)
        {
            using var failed = await FormPoster.SignInAsync(client, $"nobody-{attempt}@test.example", "some-guessed-password");
            Assert.Contains("Wrong email or password.", await failed.Content.ReadAsStringAsync());
        }

        using var refused = await FormPoster.SignInAsync(client, user.Email, user.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(10), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("Too many failed sign-ins from your network. Try again in 10 minutes.", await refused.Content.ReadAsStringAsync());
        // Not signed in, and the account itself is not locked: the refusal is the address's.
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
        var summary = (await Admin().ListAsync(Actor.System)).Single(u => u.Email == user.Email);
        Assert.False(summary.IsLockedOut);
    }

    [Fact]
    public async Task SuccessfulSignInsDoNotCount()
    {
        var user = await NewUserAsync();
        for (var attempt = 0; attempt < Limit + 2; attempt++)
        {
            using var client = Client();
            using var response = await FormPoster.SignInAsync(client, user.Email, user.Password);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
    }

    private HttpClient Client() => _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private UserAdminService Admin() => _factory.Services.GetRequiredService<UserAdminService>();

    private async Task<NewUser> NewUserAsync()
    {
        var user = new NewUser($"{Guid.NewGuid():N}@test.example", null, Roles.Marketer, "a-long-enough-password");
        await Admin().CreateAsync(user, Actor.System);
        return user;
    }
}
