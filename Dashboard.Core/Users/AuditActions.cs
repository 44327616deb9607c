namespace Dashboard.Core.Users;

/// <summary>The <see cref="AuditEntry.Action"/> names written by user management.</summary>
public static class AuditActions
{
    public const string UserCreated = "user.created";
    public const string PasswordReset = "user.password-reset";
    public const string PasswordChanged = "user.password-changed";
    public const string UserDisabled = "user.disabled";
    public const string UserEnabled = "user.enabled";
    public const string RoleChanged = "user.role-changed";
}
