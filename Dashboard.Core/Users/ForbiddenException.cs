namespace Dashboard.Core.Users;

/// <summary>The actor's role does not allow the operation. Never a silent no-op.</summary>
public sealed class ForbiddenException(string message) : Exception(message);
