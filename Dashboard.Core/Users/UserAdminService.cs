using Dashboard.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Users;

/// <summary>
/// User management for admins: list, create, reset password, disable/enable, change role. Every
/// change checks the actor itself, runs in one transaction with its <see cref="AuditEntry"/>, and
/// changes the user's security stamp so their existing sessions end. The last enabled admin can be
/// neither disabled nor demoted.
/// </summary>
public sealed class UserAdminService(
    IServiceScopeFactory scopeFactory,
    IDbContextFactory<DashboardDbContext> dbFactory,
    TimeProvider time,
    ILogger<UserAdminService> logger)
{
    /// <summary>Every user with their role, newest first.</summary>
    /// <exception cref="ForbiddenException">The actor is not an admin.</exception>
    public async Task<IReadOnlyList<UserSummary>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        actor.RequireAdmin("list users");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var rows = await db.Users.AsNoTracking()
            .OrderByDescending(u => u.CreatedAt)
            .Select(u => new
            {
                u.Id,
                u.Email,
                u.DisplayName,
                u.IsDisabled,
                u.LockoutEnd,
                u.CreatedAt,
                Role = db.UserRoles.Where(ur => ur.UserId == u.Id)
                    .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name)
                    .OrderBy(name => name)
                    .FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new UserSummary(
                r.Id, r.Email ?? "", r.DisplayName, r.Role ?? "", r.IsDisabled,
                r.LockoutEnd is { } end && end > now, r.CreatedAt))
            .ToList();
    }

    /// <summary>The latest audit entries, newest first.</summary>
    /// <exception cref="ForbiddenException">The actor is not an admin.</exception>
    public async Task<IReadOnlyList<AuditRecord>> ListAuditAsync(Actor actor, int take = 50, CancellationToken cancellationToken = default)
    {
        actor.RequireAdmin("read the audit log");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditEntries.AsNoTracking()
            .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
            .Take(take)
            .Select(a => new AuditRecord(a.OccurredAt, a.Actor, a.Action, a.Target, a.Detail))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Creates a user with one role and a first password.</summary>
    /// <exception cref="ForbiddenException">The actor is not an admin.</exception>
    /// <exception cref="UserAdminException">Bad email, email taken, unknown role or weak password; nothing stored.</exception>
    public async Task<UserSummary> CreateAsync(NewUser request, Actor actor, CancellationToken cancellationToken = default)
    {
        actor.RequireAdmin("create users");
        RequireKnownRole(request.Role);
        var email = request.Email.Trim();

        return await InAdminTransactionAsync(actor, async (users, db) =>
        {
            var user = new AppUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? null : request.DisplayName.Trim(),
                CreatedAt = time.GetUtcNow(),
            };
            Check(await users.CreateAsync(user, request.Password), $"Could not create {email}");
            Check(await users.AddToRoleAsync(user, request.Role), $"Could not give {email} the role {request.Role}");
            Audit(db, actor, AuditActions.UserCreated, email, $"role {request.Role}");
            return new UserSummary(user.Id, email, user.DisplayName, request.Role, false, false, user.CreatedAt);
        }, cancellationToken);
    }

    /// <summary>Sets a new password for a user, unlocks them and ends their sessions.</summary>
    /// <exception cref="ForbiddenException">The actor is not an admin.</exception>
    /// <exception cref="UserAdminException">Unknown user or weak password; nothing changed.</exception>
    public Task ResetPasswordAsync(string userId, string newPassword, Actor actor, CancellationToken cancellationToken = default)
    {
        actor.RequireAdmin("reset passwords");
        return InAdminTransactionAsync(actor, async (users, db) =>
        {
            var user = await FindAsync(users, userId);
            // Validate first so a weak password never leaves the account without one.
            foreach (var validator in users.PasswordValidators)
            {
                Check(await validator.ValidateAsync(users, user, newPassword), "The new password was refused");
            }
            if (await users.HasPasswordAsync(user))
            {
                Check(await users.RemovePasswordAsync(user), "Could not reset the password");
            }
            Check(await users.AddPasswordAsync(user, newPassword), "Could not reset the password");
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            await users.UpdateSecurityStampAsync(user);
            Audit(db, actor, AuditActions.PasswordReset, user.Email, null);
            return true;
        }, cancellationToken);
    }

    /// <summary>Disables (or re-enables) a user. A disabled user cannot sign in and their sessions end.</summary>
    /// <exception cref="ForbiddenException">The actor is not an admin.</exception>
    /// <exception cref="UserAdminException">Unknown user, or the last enabled admin; nothing changed.</exception>
    public Task SetDisabledAsync(string userId, bool disabled, Actor actor, CancellationToken cancellationToken = default)
    {
        actor.RequireAdmin(disabled ? "disable users" : "enable users");
        return InAdminTransactionAsync(actor, async (users, db) =>
        {
            var user = await FindAsync(users, userId);
            if (user.IsDisabled == disabled)
            {
                return true;
            }
            if (disabled && await IsLastEnabledAdminAsync(users, db, user))
            {
                throw new UserAdminException($"{user.Email} is the last admin and cannot be disabled. Make another user an admin first.");
            }
            user.IsDisabled = disabled;
            Check(await users.UpdateAsync(user), "Could not update the user");
            await users.UpdateSecurityStampAsync(user);
            Audit(db, actor, disabled ? AuditActions.UserDisabled : AuditActions.UserEnabled, user.Email, null);
            return true;
        }, cancellationToken);
    }

    /// <summary>Gives a user <paramref name="role"/> instead of their current role; their sessions end.</summary>
    /// <exception cref="ForbiddenException">The actor is not an admin.</exception>
    /// <exception cref="UserAdminException">Unknown user or role, or demoting the last enabled admin; nothing changed.</exception>
    public Task ChangeRoleAsync(string userId, string role, Actor actor, CancellationToken cancellationToken = default)
    {
        actor.RequireAdmin("change roles");
        RequireKnownRole(role);
        return InAdminTransactionAsync(actor, async (users, db) =>
        {
            var user = await FindAsync(users, userId);
            var current = await users.GetRolesAsync(user);
            if (current.Count == 1 && current[0] == role)
            {
                return true;
            }
            if (role != Roles.Admin && await IsLastEnabledAdminAsync(users, db, user))
            {
                throw new UserAdminException($"{user.Email} is the last admin and cannot be demoted. Make another user an admin first.");
            }
            if (current.Count > 0)
            {
                Check(await users.RemoveFromRolesAsync(user, current), "Could not change the role");
            }
            Check(await users.AddToRoleAsync(user, role), "Could not change the role");
            await users.UpdateSecurityStampAsync(user);
            Audit(db, actor, AuditActions.RoleChanged, user.Email, $"{string.Join(", ", current)} → {role}");
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// A signed-in user changes their own password (any role). The caller refreshes the sign-in
    /// cookie afterwards, since the security stamp changes.
    /// </summary>
    /// <exception cref="UserAdminException">Wrong current password or weak new one; nothing changed.</exception>
    public Task ChangeOwnPasswordAsync(Actor actor, string currentPassword, string newPassword, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async (users, db) =>
        {
            var user = await users.FindByNameAsync(actor.Name)
                ?? throw new UserAdminException("Your account no longer exists.");
            Check(await users.ChangePasswordAsync(user, currentPassword, newPassword), "The password was not changed");
            Audit(db, actor, AuditActions.PasswordChanged, user.Email, null);
            return true;
        }, cancellationToken);

    /// <summary>
    /// An admin's change. The actor's claims may be up to a minute old (cookies are re-checked every
    /// minute), so inside the transaction the actor must still be an enabled admin in the database.
    /// </summary>
    private Task<T> InAdminTransactionAsync<T>(Actor actor, Func<UserManager<AppUser>, DashboardDbContext, Task<T>> change, CancellationToken cancellationToken) =>
        InTransactionAsync(async (users, db) =>
        {
            if (!ReferenceEquals(actor, Actor.System))
            {
                var current = await users.FindByNameAsync(actor.Name);
                if (current is null || current.IsDisabled || !await users.IsInRoleAsync(current, Roles.Admin))
                {
                    throw new ForbiddenException($"{actor.Name} is no longer an admin.");
                }
            }
            return await change(users, db);
        }, cancellationToken);

    /// <summary>
    /// One scope (so one DbContext shared by the Identity stores) and one transaction per change:
    /// SQLite's BEGIN IMMEDIATE serialises writers, so two admins demoting each other cannot both
    /// pass the last-admin check. PostgreSQL's transactions do not exclude each other by default, so
    /// there each change first takes one transaction-scoped advisory lock (also across instances).
    /// </summary>
    private async Task<T> InTransactionAsync<T>(Func<UserManager<AppUser>, DashboardDbContext, Task<T>> change, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({UserChangesLock})", cancellationToken);
        }
        var result = await change(users, db);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    // Any constant of our own: the advisory lock that serialises user changes on PostgreSQL.
    private const long UserChangesLock = 0x4441_5348_5553_4552; // "DASHUSER"

    private void Audit(DashboardDbContext db, Actor actor, string action, string? target, string? detail)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            OccurredAt = time.GetUtcNow(),
            Actor = actor.Name,
            Action = action,
            Target = target,
            Detail = detail,
        });
        logger.LogInformation("Audit: {Actor} {Action} {Target} {Detail}", actor.Name, action, target, detail);
    }

    private static async Task<bool> IsLastEnabledAdminAsync(UserManager<AppUser> users, DashboardDbContext db, AppUser user)
    {
        if (user.IsDisabled || !await users.IsInRoleAsync(user, Roles.Admin))
        {
            return false;
        }
        var enabledAdmins = await db.UserRoles
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.NormalizedName })
            .Where(x => x.NormalizedName == Roles.Admin.ToUpperInvariant())
            .Join(db.Users, x => x.UserId, u => u.Id, (x, u) => u)
            .CountAsync(u => !u.IsDisabled);
        return enabledAdmins <= 1;
    }

    private static async Task<AppUser> FindAsync(UserManager<AppUser> users, string userId) =>
        await users.FindByIdAsync(userId) ?? throw new UserAdminException("That user does not exist (any more).");

    private static void RequireKnownRole(string role)
    {
        if (role is not (Roles.Admin or Roles.Marketer))
        {
            throw new UserAdminException($"Unknown role '{role}': choose {Roles.Admin} or {Roles.Marketer}.");
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new UserAdminException($"{what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
