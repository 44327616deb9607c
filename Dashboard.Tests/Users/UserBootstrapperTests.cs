using System.ComponentModel.DataAnnotations;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Tests.Users;

public sealed class UserBootstrapperTests
{
    [Fact]
    public async Task FirstStartCreatesTheAdminFromConfiguration()
    {
        await using var services = new UserServices(new()
        {
            ["Bootstrap:AdminEmail"] = "owner@test.example",
            ["Bootstrap:AdminPassword"] = "owner-password-123",
        });

        await services.Bootstrapper.EnsureUsersAsync(demoUsers: true);

        var users = await services.Admin.ListAsync(Actor.System);
        var owner = Assert.Single(users);
        Assert.Equal(("owner@test.example", Roles.Admin), (owner.Email, owner.Role));
        Assert.DoesNotContain(services.Log.Entries, e => e.Message.Contains("owner-password-123"));
    }

    [Fact]
    public async Task DemoCreatesAnAdminAndAMarketerAndPrintsTheirPasswordsOnce()
    {
        await using var services = new UserServices();

        await services.Bootstrapper.EnsureUsersAsync(demoUsers: true);
        await services.Bootstrapper.EnsureUsersAsync(demoUsers: true);

        var users = await services.Admin.ListAsync(Actor.System);
        Assert.Equal(
            [(UserBootstrapper.DemoAdmin.Email, Roles.Admin), (UserBootstrapper.DemoMarketer.Email, Roles.Marketer)],
            users.Select(u => (u.Email, u.Role)).OrderBy(u => u.Role));
        var printed = services.Log.Entries.Where(e => e.Message.Contains(UserBootstrapper.DemoAdmin.Password)).ToList();
        Assert.Single(printed);
        Assert.Contains(UserBootstrapper.DemoMarketer.Password, printed[0].Message);
    }

    [Fact]
    public async Task WithoutConfigurationOrDemoItWarnsHowToCreateTheFirstAdmin()
    {
        await using var services = new UserServices();

        await services.Bootstrapper.EnsureUsersAsync(demoUsers: false);

        Assert.Empty(await services.Admin.ListAsync(Actor.System));
        Assert.Contains(services.Log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Bootstrap__AdminEmail"));
    }

    [Fact]
    public async Task ExistingUsersAreLeftAlone()
    {
        await using var services = new UserServices(new()
        {
            ["Bootstrap:AdminEmail"] = "owner@test.example",
            ["Bootstrap:AdminPassword"] = "owner-password-123",
        });
        await services.Bootstrapper.EnsureUsersAsync(demoUsers: false);

        await services.Bootstrapper.EnsureUsersAsync(demoUsers: true);

        await using var db = services.CreateContext();
        Assert.Equal(1, await db.Users.CountAsync());
        Assert.Equal(2, await db.Roles.CountAsync());
    }

    [Theory]
    [InlineData("owner@test.example", null)]
    [InlineData(null, "owner-password-123")]
    [InlineData("not-an-email", "owner-password-123")]
    [InlineData("owner@test.example", "short")]
    public void HalfOrBadBootstrapSettingsAreRejected(string? email, string? password)
    {
        var options = new BootstrapOptions { AdminEmail = email, AdminPassword = password };
        var results = new List<ValidationResult>();

        var valid = Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        Assert.False(valid);
        Assert.NotEmpty(results);
    }
}
