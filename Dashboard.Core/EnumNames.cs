namespace Dashboard.Core;

/// <summary>
/// Enum values read from outside text (a URL, an API query, a CSV cell) by their declared names only.
/// <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> also takes numbers ("7", any integer) and
/// comma lists ("api,relay" becomes the two values OR-ed together, which may be a third value), so a
/// crafted query could choose a value nobody named.
/// </summary>
public static class EnumNames
{
    /// <summary>The value whose declared name is <paramref name="text"/> (case-insensitive, surrounding blanks ignored).</summary>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        var name = text?.Trim();
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(candidate.ToString(), name, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>The value whose declared name is <paramref name="text"/>, or null.</summary>
    public static T? Parse<T>(string? text) where T : struct, Enum => TryParse<T>(text, out var value) ? value : null;
}
