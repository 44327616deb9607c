namespace Dashboard.Core.Users;

/// <summary>A user an admin creates: sign-in email, optional display name, role and first password.</summary>
public sealed record NewUser(string Email, string? DisplayName, string Role, string Password);
