namespace Dashboard.Core.Suppressions;

/// <summary>
/// Removing this suppression means mailing someone who complained or unsubscribed. The caller must
/// show that plainly and call again with acknowledgeOverride = true if the admin insists.
/// </summary>
public sealed class SuppressionOverrideRequiredException(string value, SuppressionReason reason)
    : Exception(reason == SuppressionReason.SpamComplaint
        ? $"{value} is suppressed because the recipient reported your mail as spam. Mailing them again harms your sender reputation and may break the law; confirm the override only if they asked to be mailed again."
        : $"{value} is suppressed because the recipient unsubscribed. Mailing them again ignores their request and may break the law; confirm the override only if they subscribed again.")
{
    public string Value { get; } = value;

    public SuppressionReason Reason { get; } = reason;
}
