namespace Dashboard.Core.Reporting;

/// <summary>The counts of one UTC calendar day.</summary>
public sealed record DailyDeliveryCounts(DateOnly Day, DeliveryCounts Counts);
