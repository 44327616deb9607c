namespace Dashboard.Core.Users;

/// <summary>One audit entry as shown to admins.</summary>
public sealed record AuditRecord(DateTimeOffset OccurredAt, string Actor, string Action, string? Target, string? Detail);
