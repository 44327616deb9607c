namespace Dashboard.Core.Activity;

/// <summary>The time window of an activity view.</summary>
public enum ActivityRange
{
    Last24Hours,
    Last7Days,
    Last30Days,
    /// <summary>From <see cref="ActivityFilter.From"/> to <see cref="ActivityFilter.To"/>.</summary>
    Custom,
}
