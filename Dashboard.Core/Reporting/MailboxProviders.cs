namespace Dashboard.Core.Reporting;

/// <summary>
/// Recipient domains grouped into mailbox providers, so a block at one provider shows as one line
/// (gmail.com and googlemail.com are both Google). Domains not in the table stand for themselves.
/// Extend <see cref="Table"/> to group more; messages keep the provider they were stored with.
/// </summary>
public static class MailboxProviders
{
    /// <summary>
    /// Provider name and its domains. A pattern ending in ".*" matches that name under any top-level
    /// or country domain (hotmail.* covers hotmail.com, hotmail.co.uk, hotmail.fr).
    /// </summary>
    public static readonly IReadOnlyList<(string Provider, string[] Domains)> Table =
    [
        ("Google", ["gmail.com", "googlemail.com"]),
        ("Microsoft", ["outlook.com", "outlook.*", "hotmail.*", "live.*", "msn.com", "windowslive.com"]),
        ("Yahoo", ["yahoo.*", "ymail.com", "rocketmail.com", "aol.com", "aol.*", "aim.com"]),
        ("Apple", ["icloud.com", "me.com", "mac.com"]),
        ("GMX / Web.de", ["gmx.*", "web.de"]),
        ("Proton", ["proton.me", "protonmail.com", "pm.me"]),
        ("Comcast", ["comcast.net"]),
    ];

    private static readonly Dictionary<string, string> Exact = Table
        .SelectMany(p => p.Domains.Where(d => !d.EndsWith(".*", StringComparison.Ordinal)).Select(d => (d, p.Provider)))
        .ToDictionary(x => x.d, x => x.Provider, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, string> ByName = Table
        .SelectMany(p => p.Domains.Where(d => d.EndsWith(".*", StringComparison.Ordinal)).Select(d => (d[..^2], p.Provider)))
        .ToDictionary(x => x.Item1, x => x.Provider, StringComparer.OrdinalIgnoreCase);

    /// <summary>The provider a recipient domain belongs to; the domain itself (lower case) when it is not in the table.</summary>
    public static string Of(string domain)
    {
        var d = domain.Trim().TrimEnd('.').ToLowerInvariant();
        if (Exact.TryGetValue(d, out var provider))
        {
            return provider;
        }
        var dot = d.IndexOf('.');
        return dot > 0 && ByName.TryGetValue(d[..dot], out provider) ? provider : d;
    }

    /// <summary>The well-known mail domains, for typo suggestions (the patterns' ".com" forms).</summary>
    public static IEnumerable<string> CommonDomains =>
        Table.SelectMany(p => p.Domains).Select(d => d.EndsWith(".*", StringComparison.Ordinal) ? d[..^2] + ".com" : d).Distinct();
}
