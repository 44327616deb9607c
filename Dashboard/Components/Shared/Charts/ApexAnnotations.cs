using System.Text.Json.Serialization;

namespace Dashboard.Components.Shared.Charts;

/// <summary>Lines and labels drawn over the chart.</summary>
public sealed record ApexAnnotations([property: JsonPropertyName("yaxis")] IReadOnlyList<ApexYAxisAnnotation> YAxis);
