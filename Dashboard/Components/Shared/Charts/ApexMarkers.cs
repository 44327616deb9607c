namespace Dashboard.Components.Shared.Charts;

/// <summary>Point markers: a size for every point, and single points drawn differently.</summary>
public sealed record ApexMarkers(int Size)
{
    /// <summary>Points drawn in their own colour (points above a threshold).</summary>
    public IReadOnlyList<ApexDiscreteMarker>? Discrete { get; init; }
}

/// <summary>One marked point.</summary>
public sealed record ApexDiscreteMarker(int SeriesIndex, int DataPointIndex, string FillColor, string StrokeColor, int Size);
