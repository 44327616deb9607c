namespace Dashboard.Core.Alerts;

/// <summary>How bad an alert is. Stored as an integer: do not renumber.</summary>
public enum AlertSeverity
{
    Warning = 0,
    Critical = 1,
}
