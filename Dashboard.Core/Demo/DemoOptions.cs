using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Demo;

/// <summary>Demo traffic through the real pipeline to the sandbox. Bound from the "Demo" section.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Fills history on first start, then sends live traffic. Defaults to false (on in Development).</summary>
    public bool Enabled { get; set; }

    /// <summary>Days of back-dated history before today. Defaults to 30.</summary>
    [Range(0, 365)]
    public int HistoryDays { get; set; } = 30;

    /// <summary>Average messages per history day (weekends are quieter). Defaults to 110.</summary>
    [Range(1, 10_000)]
    public int MessagesPerDay { get; set; } = 110;

    /// <summary>Which history day (days before today) is the bad one, with a bounce rate above 5%. Defaults to 9.</summary>
    [Range(1, 365)]
    public int BadDayAgo { get; set; } = 9;

    /// <summary>Seconds between live messages once history is filled; 0 sends none. Defaults to 4.</summary>
    [Range(0, 3600)]
    public double LiveIntervalSeconds { get; set; } = 4;

    /// <summary>Seed of the generator, so every install shows the same month. Defaults to 2026.</summary>
    public int Seed { get; set; } = 2026;
}
