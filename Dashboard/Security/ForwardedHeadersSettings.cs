using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Dashboard.Security;

/// <summary>
/// Which reverse proxies (nginx, a load balancer) may tell the app the client's address and scheme
/// through <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>. Bound from the "ForwardedHeaders"
/// section. Defaults to trusting nobody, not even loopback: a header from anyone else is ignored,
/// so a client cannot pick its own address (and escape the sign-in throttle) or claim HTTPS.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Addresses of the proxies in front of the app, e.g. <c>127.0.0.1</c>. Defaults to none.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies in CIDR notation, e.g. <c>10.0.0.0/8</c>. Defaults to none.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a chain are read, from the nearest one. Defaults to 1.</summary>
    [Range(1, 10)]
    public int ForwardLimit { get; set; } = 1;

    /// <summary>True when at least one proxy is trusted.</summary>
    public bool TrustsAProxy => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    /// <summary>The proxies' addresses, or null when one is not an IP address.</summary>
    internal IReadOnlyList<IPAddress>? ParsedProxies() => ParseAll(KnownProxies, value => (IPAddress.TryParse(value, out var address), address!));

    /// <summary>The proxies' networks, or null when one is not in CIDR notation.</summary>
    internal IReadOnlyList<IPNetwork>? ParsedNetworks() => ParseAll(KnownNetworks, value => (IPNetwork.TryParse(value, out var network), network));

    private static List<T>? ParseAll<T>(List<string> values, Func<string, (bool Parsed, T Value)> parse)
    {
        var parsed = values.Select(parse).ToList();
        return parsed.All(p => p.Parsed) ? [.. parsed.Select(p => p.Value)] : null;
    }
}
