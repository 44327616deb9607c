namespace Dashboard.Core.Users;

/// <summary>A user change was refused (duplicate email, weak password, last admin…); nothing changed.</summary>
public sealed class UserAdminException(string message) : Exception(message);
