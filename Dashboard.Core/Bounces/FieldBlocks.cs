namespace Dashboard.Core.Bounces;

/// <summary>
/// Reads "Name: value" blocks separated by blank lines (the layout of message/delivery-status and
/// message/feedback-report bodies), tolerating folded lines and junk between blocks.
/// </summary>
internal static class FieldBlocks
{
    internal static List<Dictionary<string, string>> Parse(string text, int maxBlocks = 256)
    {
        var blocks = new List<Dictionary<string, string>>();
        Dictionary<string, string>? current = null;
        string? lastKey = null;
        var span = text.Length > SmtpText.MaxScan ? text.AsSpan(0, SmtpText.MaxScan) : text.AsSpan();
        foreach (var range in span.Split('\n'))
        {
            var line = span[range].TrimEnd('\r');
            if (line.IsWhiteSpace())
            {
                if (current is { Count: > 0 })
                {
                    blocks.Add(current);
                    if (blocks.Count >= maxBlocks)
                    {
                        return blocks;
                    }
                }
                current = null;
                lastKey = null;
                continue;
            }
            if ((line[0] == ' ' || line[0] == '\t') && lastKey is not null && current is not null)
            {
                current[lastKey] = current[lastKey] + " " + line.Trim().ToString();
                continue;
            }
            var colon = line.IndexOf(':');
            if (colon <= 0 || colon > 40 || !IsFieldName(line[..colon]))
            {
                lastKey = null;
                continue;
            }
            current ??= new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var key = line[..colon].Trim().ToString();
            var value = line[(colon + 1)..].Trim().ToString();
            if (!current.ContainsKey(key))
            {
                current[key] = value;
            }
            else if (key.Equals("Diagnostic-Code", StringComparison.OrdinalIgnoreCase))
            {
                current[key] = current[key] + " " + value;
            }
            lastKey = key;
        }
        if (current is { Count: > 0 })
        {
            blocks.Add(current);
        }
        return blocks;
    }

    private static bool IsFieldName(ReadOnlySpan<char> name)
    {
        name = name.Trim();
        if (name.IsEmpty)
        {
            return false;
        }
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
            {
                return false;
            }
        }
        return true;
    }
}
