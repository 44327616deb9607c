namespace Dashboard.Core.Reporting;

/// <summary>One UTC day of a <see cref="BounceRateReport"/>.</summary>
public sealed record DailyBounceRate(DateOnly Day, int Processed, int Delivered, int HardBounces, int SoftBounces, int Rejected, double BounceRate);
