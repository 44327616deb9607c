using Dashboard.Core.Live;

namespace Dashboard.Core.Alerts;

/// <summary>Alerts opened, escalated, closed or acknowledged: the banner and the Alerts page listen.</summary>
public sealed class AlertFeed : ChangeFeed<AlertChange>;

/// <summary>Alert <paramref name="AlertId"/> changed at <paramref name="At"/>.</summary>
public sealed record AlertChange(long AlertId, DateTimeOffset At);
