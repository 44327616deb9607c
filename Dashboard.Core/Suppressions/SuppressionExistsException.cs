namespace Dashboard.Core.Suppressions;

/// <summary>
/// The address or domain is already suppressed, and one active entry per address or domain is the rule
/// (the database holds it too, so two admins at once cannot add it twice). <see cref="Existing"/> is that entry.
/// </summary>
public sealed class SuppressionExistsException(SuppressionView existing)
    : Exception($"{existing.Value} is already suppressed ({SuppressionReasons.For(existing.Reason).Words}, added "
        + $"{Utc(existing.CreatedAt)} by {existing.CreatedBy ?? "the system"}"
        + (existing.ExpiresAt is { } until ? $", until {Utc(until)}" : ", until removed")
        + "). Unblock that entry first to replace it.")
{
    public SuppressionView Existing { get; } = existing;

    private static string Utc(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
