using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Dashboard.Core.Sending;

/// <summary>Settings of the DirectMx transport ("Sending:DirectMx").</summary>
public sealed class DirectMxOptions
{
    /// <summary>The port mail servers listen on. 25 everywhere; another value only for a test network.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    /// <summary>
    /// DNS servers to ask for MX and address records, as "address" or "address:port". Empty (the
    /// default): the machine's own resolvers.
    /// </summary>
    public List<string> NameServers { get; set; } = [];

    /// <summary>How long one DNS query may take, in seconds. Defaults to 5.</summary>
    [Range(1, 60)]
    public int DnsTimeoutSeconds { get; set; } = 5;

    /// <summary>The most MX hosts tried for one domain, in preference order. Defaults to 5.</summary>
    [Range(1, 20)]
    public int MaxMxHosts { get; set; } = 5;

    /// <summary>
    /// False (the default): TLS is used whenever a server offers STARTTLS, whatever its certificate,
    /// as mail servers do between themselves (opportunistic TLS, RFC 7435). True: a server whose
    /// certificate does not validate is not delivered to.
    /// </summary>
    public bool RequireValidCertificates { get; set; }

    /// <summary>The configured name servers, parsed; null when one of them is not an address (port).</summary>
    internal IReadOnlyList<IPEndPoint>? ParsedNameServers() => ParseEndpoints(NameServers);

    /// <summary>"address" or "address:port" values (port 53 when none), parsed; null when one of them is not an address.</summary>
    internal static IReadOnlyList<IPEndPoint>? ParseEndpoints(IEnumerable<string> values)
    {
        var parsed = new List<IPEndPoint>();
        foreach (var value in values)
        {
            if (IPEndPoint.TryParse(value, out var endpoint))
            {
                parsed.Add(endpoint.Port == 0 ? new IPEndPoint(endpoint.Address, 53) : endpoint);
            }
            else
            {
                return null;
            }
        }
        return parsed;
    }
}
