using Dashboard.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Users;

public sealed class UserAdminServiceTests : IAsyncLifetime
{
    private static readonly Actor Marketer = new("marketer@test.example", new HashSet<string> { Roles.Marketer });

    private readonly UserServices _services = new();
    private Actor _admin = default!;
    private string _adminId = "";

    public async Task InitializeAsync()
    {
        await _services.EnsureRolesAsync();
        var admin = await _services.Admin.CreateAsync(new NewUser("first-admin@test.example", null, Roles.Admin, "first-admin-password"), Actor.System);
        _admin = new Actor(admin.Email, new HashSet<string> { Roles.Admin });
        _adminId = admin.Id;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task MarketerCreatingAUserIsForbiddenAndNothingIsStored()
    {
        var request = new NewUser("someone@test.example", null, Roles.Marketer, "a-long-enough-password");

        var error = await Assert.ThrowsAsync<ForbiddenException>(() => _services.Admin.CreateAsync(request, Marketer));

        Assert.Contains("only an admin", error.Message);
        await using var db = _services.CreateContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == request.Email));
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Actor == Marketer.Name));
    }

    [Fact]
    public async Task MarketerCannotChangeRolesDisableUsersResetPasswordsOrListUsers()
    {
        var target = await CreateAsync(Roles.Marketer);

        await Assert.ThrowsAsync<ForbiddenException>(() => _services.Admin.ChangeRoleAsync(target.Id, Roles.Admin, Marketer));
        await Assert.ThrowsAsync<ForbiddenException>(() => _services.Admin.SetDisabledAsync(target.Id, true, Marketer));
        await Assert.ThrowsAsync<ForbiddenException>(() => _services.Admin.ResetPasswordAsync(target.Id, "another-long-password", Marketer));
        await Assert.ThrowsAsync<ForbiddenException>(() => _services.Admin.ListAsync(Marketer));
        await Assert.ThrowsAsync<ForbiddenException>(() => _services.Admin.ListAuditAsync(Marketer));

        var after = (await _services.Admin.ListAsync(_admin)).Single(u => u.Id == target.Id);
        Assert.Equal(Roles.Marketer, after.Role);
        Assert.False(after.IsDisabled);
    }

    [Fact]
    public async Task AnAdminDemotedMeanwhileCannotActOnTheirOldClaims()
    {
        var second = await CreateAsync(Roles.Admin);
        var staleClaims = new Actor(second.Email, new HashSet<string> { Roles.Admin });
        await _services.Admin.ChangeRoleAsync(second.Id, Roles.Marketer, _admin);

        var error = await Assert.ThrowsAsync<ForbiddenException>(() =>
            _services.Admin.CreateAsync(new NewUser("sneaky@test.example", null, Roles.Admin, "a-long-enough-password"), staleClaims));

        Assert.Contains("no longer an admin", error.Message);
        Assert.DoesNotContain(await _services.Admin.ListAsync(_admin), u => u.Email == "sneaky@test.example");
    }

    [Fact]
    public async Task AdminCreatesAUserWithTheRoleAndTheAuditLogSaysWhoAndWhen()
    {
        var created = await _services.Admin.CreateAsync(new NewUser(" New.Person@Test.Example ", "New Person", Roles.Marketer, "a-long-enough-password"), _admin);

        var listed = (await _services.Admin.ListAsync(_admin)).Single(u => u.Id == created.Id);
        Assert.Equal("New.Person@Test.Example", listed.Email);
        Assert.Equal(Roles.Marketer, listed.Role);
        Assert.Equal("New Person", listed.DisplayName);
        Assert.Equal(_services.Clock.GetUtcNow(), listed.CreatedAt);
        var audit = (await _services.Admin.ListAuditAsync(_admin))[0];
        Assert.Equal(new AuditRecord(_services.Clock.GetUtcNow(), _admin.Name, AuditActions.UserCreated, "New.Person@Test.Example", "role Marketer"), audit);
    }

    [Fact]
    public async Task CreatedUserCanSignInWithTheirPassword()
    {
        var created = await CreateAsync(Roles.Marketer);

        await using var scope = _services.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(created.Email);

        Assert.NotNull(user);
        Assert.True(await users.CheckPasswordAsync(user, "a-long-enough-password"));
        Assert.NotEqual("a-long-enough-password", user.PasswordHash);
    }

    [Theory]
    [InlineData("not-an-email", "a-long-enough-password", "Email")]
    [InlineData("short@test.example", "short", "at least 12")]
    public async Task BadInputIsRefusedWithAClearErrorAndNothingStored(string email, string password, string expected)
    {
        var error = await Assert.ThrowsAsync<UserAdminException>(() =>
            _services.Admin.CreateAsync(new NewUser(email, null, Roles.Marketer, password), _admin));

        Assert.Contains(expected, error.Message, StringComparison.OrdinalIgnoreCase);
        await using var db = _services.CreateContext();
        Assert.Equal(1, await db.Users.CountAsync());
        Assert.Equal(1, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task TheSameEmailCannotBeUsedTwice()
    {
        var first = await CreateAsync(Roles.Marketer);

        var error = await Assert.ThrowsAsync<UserAdminException>(() =>
            _services.Admin.CreateAsync(new NewUser(first.Email.ToUpperInvariant(), null, Roles.Admin, "a-long-enough-password"), _admin));

        Assert.Contains("already taken", error.Message);
    }

    [Fact]
    public async Task UnknownRoleIsRefused()
    {
        var error = await Assert.ThrowsAsync<UserAdminException>(() =>
            _services.Admin.CreateAsync(new NewUser("x@test.example", null, "Owner", "a-long-enough-password"), _admin));

        Assert.Contains("Unknown role 'Owner'", error.Message);
    }

    [Fact]
    public async Task TheLastAdminCannotBeDisabled()
    {
        var error = await Assert.ThrowsAsync<UserAdminException>(() => _services.Admin.SetDisabledAsync(_adminId, true, _admin));

        Assert.Contains("last admin", error.Message);
        Assert.False((await _services.Admin.ListAsync(_admin)).Single(u => u.Id == _adminId).IsDisabled);
    }

    [Fact]
    public async Task TheLastAdminCannotBeDemoted()
    {
        var error = await Assert.ThrowsAsync<UserAdminException>(() => _services.Admin.ChangeRoleAsync(_adminId, Roles.Marketer, _admin));

        Assert.Contains("last admin", error.Message);
        Assert.Equal(Roles.Admin, (await _services.Admin.ListAsync(_admin)).Single(u => u.Id == _adminId).Role);
        await using var db = _services.CreateContext();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.RoleChanged));
    }

    [Fact]
    public async Task ADisabledAdminDoesNotCountAsTheOtherAdmin()
    {
        var second = await CreateAsync(Roles.Admin);
        await _services.Admin.SetDisabledAsync(second.Id, true, _admin);

        await Assert.ThrowsAsync<UserAdminException>(() => _services.Admin.ChangeRoleAsync(_adminId, Roles.Marketer, _admin));
    }

    [Fact]
    public async Task TwoAdminsDemotingEachOtherAtOnceLeaveOneAdmin()
    {
        var second = await _services.Admin.CreateAsync(new NewUser("second-admin@test.example", null, Roles.Admin, "second-admin-password"), Actor.System);
        var secondActor = new Actor(second.Email, new HashSet<string> { Roles.Admin });

        // Either may lose (the last-admin rule, or the engine refusing a second writer); never both win.
        var both = new[] { _services.Admin.ChangeRoleAsync(second.Id, Roles.Marketer, _admin), _services.Admin.ChangeRoleAsync(_adminId, Roles.Marketer, secondActor) };
        await Task.WhenAll(both.Select(async change => { try { await change; } catch (Exception) { } }));

        var admins = (await _services.Admin.ListAsync(Actor.System)).Where(u => u.Role == Roles.Admin).ToList();
        Assert.Single(admins);
    }

    [Fact]
    public async Task AnAdminCanBeDemotedWhileAnotherAdminRemains()
    {
        var second = await CreateAsync(Roles.Admin);

        await _services.Admin.ChangeRoleAsync(second.Id, Roles.Marketer, _admin);

        Assert.Equal(Roles.Marketer, (await _services.Admin.ListAsync(_admin)).Single(u => u.Id == second.Id).Role);
        var audit = (await _services.Admin.ListAuditAsync(_admin))[0];
        Assert.Equal((AuditActions.RoleChanged, second.Email, "Admin → Marketer"), (audit.Action, audit.Target, audit.Detail));
    }

    [Fact]
    public async Task DisablingAndEnablingAreAuditedAndEndTheUsersSessions()
    {
        var target = await CreateAsync(Roles.Marketer);
        var stampBefore = await StampOfAsync(target.Id);

        await _services.Admin.SetDisabledAsync(target.Id, true, _admin);
        var stampAfterDisable = await StampOfAsync(target.Id);
        await _services.Admin.SetDisabledAsync(target.Id, false, _admin);

        Assert.NotEqual(stampBefore, stampAfterDisable);
        Assert.False((await _services.Admin.ListAsync(_admin)).Single(u => u.Id == target.Id).IsDisabled);
        var actions = (await _services.Admin.ListAuditAsync(_admin)).Take(2).Select(a => a.Action);
        Assert.Equal([AuditActions.UserEnabled, AuditActions.UserDisabled], actions);
    }

    [Fact]
    public async Task ResetPasswordReplacesThePasswordUnlocksAndIsAudited()
    {
        var target = await CreateAsync(Roles.Marketer);
        await using (var scope = _services.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByIdAsync(target.Id))!;
            for (var i = 0; i < PasswordPolicy.MaxFailedAttempts; i++)
            {
                await users.AccessFailedAsync(user);
            }
            Assert.True(await users.IsLockedOutAsync(user));
        }

        await _services.Admin.ResetPasswordAsync(target.Id, "the-new-password-1", _admin);

        await using var check = _services.Services.CreateAsyncScope();
        var manager = check.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var reset = (await manager.FindByIdAsync(target.Id))!;
        Assert.False(await manager.IsLockedOutAsync(reset));
        Assert.True(await manager.CheckPasswordAsync(reset, "the-new-password-1"));
        Assert.False(await manager.CheckPasswordAsync(reset, "a-long-enough-password"));
        Assert.Equal(AuditActions.PasswordReset, (await _services.Admin.ListAuditAsync(_admin))[0].Action);
    }

    [Fact]
    public async Task AWeakResetPasswordKeepsTheOldOne()
    {
        var target = await CreateAsync(Roles.Marketer);

        await Assert.ThrowsAsync<UserAdminException>(() => _services.Admin.ResetPasswordAsync(target.Id, "short", _admin));

        await using var scope = _services.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByIdAsync(target.Id))!, "a-long-enough-password"));
    }

    [Fact]
    public async Task UsersChangeTheirOwnPasswordOnlyWithTheCurrentOne()
    {
        var target = await CreateAsync(Roles.Marketer);
        var self = new Actor(target.Email, new HashSet<string> { Roles.Marketer });

        await Assert.ThrowsAsync<UserAdminException>(() => _services.Admin.ChangeOwnPasswordAsync(self, "wrong-current-password", "my-new-passphrase"));
        await _services.Admin.ChangeOwnPasswordAsync(self, "a-long-enough-password", "my-new-passphrase");

        var audit = (await _services.Admin.ListAuditAsync(_admin))[0];
        Assert.Equal((target.Email, AuditActions.PasswordChanged, target.Email), (audit.Actor, audit.Action, audit.Target));
    }

    [Fact]
    public void GeneratedPasswordsMeetThePolicyAndDiffer()
    {
        var passwords = Enumerable.Range(0, 100).Select(_ => PasswordPolicy.Generate()).ToList();

        Assert.All(passwords, p => Assert.True(p.Length >= PasswordPolicy.MinimumLength, p));
        Assert.Equal(100, passwords.Distinct().Count());
    }

    private Task<UserSummary> CreateAsync(string role) =>
        _services.Admin.CreateAsync(new NewUser($"{Guid.NewGuid():N}@test.example", null, role, "a-long-enough-password"), _admin);

    private async Task<string?> StampOfAsync(string userId)
    {
        await using var db = _services.CreateContext();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleAsync();
    }
}
