using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Components.Shared.Charts;

/// <summary>How chart options become JSON: ApexCharts' camelCase names, and nulls left out so its defaults apply.</summary>
public static class ApexJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(ApexOptions options) => JsonSerializer.Serialize(options, Options);
}
