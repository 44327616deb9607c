using Dashboard.Core.Reporting;

namespace Dashboard.Core.Typos;

/// <summary>
/// "Did you mean yahoo.com?": a domain one or two edits (insert, delete, replace, or swap two
/// neighbouring letters) away from a well-known mail domain or one we deliver to, and not itself one of them.
/// </summary>
public static class DomainTypos
{
    /// <summary>Mail domains common enough to suggest without having delivered to them.</summary>
    public static readonly IReadOnlyList<string> Common =
    [
        .. MailboxProviders.CommonDomains,
        "gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "live.com", "aol.com", "icloud.com", "msn.com",
        "yahoo.co.uk", "hotmail.co.uk", "yahoo.fr", "hotmail.fr", "orange.fr", "free.fr", "gmx.de", "web.de", "t-online.de",
        "mail.com", "gmx.com", "gmx.net", "proton.me", "protonmail.com", "zoho.com", "yandex.com", "comcast.net", "verizon.net",
    ];

    /// <summary>The nearest known domain to <paramref name="domain"/> within two edits, or null (a known domain itself is never a typo).</summary>
    public static string? Suggest(string domain, IEnumerable<string> known)
    {
        var d = domain.Trim().TrimEnd('.').ToLowerInvariant();
        if (d.Length < 4 || !d.Contains('.'))
        {
            return null;
        }
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            if (candidate == d)
            {
                return null;
            }
            // Two edits in a short name is a different name (mail.com, gmx.com), not a typo.
            var allowed = d.Length <= 7 ? 1 : 2;
            if (Math.Abs(candidate.Length - d.Length) > allowed)
            {
                continue;
            }
            var distance = Distance(d, candidate, allowed);
            if (distance <= allowed && distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }
        return best;
    }

    /// <summary>Optimal string alignment distance (Levenshtein plus adjacent swaps); stops early above <paramref name="limit"/>.</summary>
    public static int Distance(string a, string b, int limit = int.MaxValue)
    {
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current[j] = Math.Min(current[j], previous2[j - 2] + 1);
                }
                rowMin = Math.Min(rowMin, current[j]);
            }
            if (rowMin > limit)
            {
                return rowMin;
            }
            (previous2, previous, current) = (previous, current, previous2);
        }
        return previous[b.Length];
    }
}
