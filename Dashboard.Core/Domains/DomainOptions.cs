using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Dashboard.Core.Domains;

/// <summary>Sender domains: the DKIM selector, what SPF must cover, and the DNS the checks ask. Bound from "Domains".</summary>
public sealed class DomainOptions
{
    public const string Section = "Domains";

    /// <summary>The DKIM selector given to a newly added domain. Defaults to "dash1".</summary>
    [Required, RegularExpression("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", ErrorMessage = "Domains:Selector must be one DNS label: lower-case letters, digits and '-'.")]
    public string Selector { get; set; } = "dash1";

    /// <summary>
    /// The SPF include of the smarthost mail leaves through (e.g. "spf.relay.example"): the SPF record
    /// asks for <c>include:</c> it. Empty (the default): none.
    /// </summary>
    [RegularExpression(@"^$|^[a-z0-9_]([a-z0-9_-]*[a-z0-9])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9])?)+$", ErrorMessage = "Domains:SpfInclude must be a lower-case domain name.")]
    public string? SpfInclude { get; set; }

    /// <summary>The addresses mail leaves from (direct to MX): the SPF record lists them as <c>ip4:</c>/<c>ip6:</c>. Empty (the default): none.</summary>
    public List<string> SendingIps { get; set; } = [];

    /// <summary>
    /// The public host name of the inbound listener, which the bounce domain's MX must name. Empty (the
    /// default): the check only asks that the bounce domain has an MX.
    /// </summary>
    public string? InboundHost { get; set; }

    /// <summary>DNS servers the checks ask, as "address" or "address:port". Empty (the default): the machine's own resolvers.</summary>
    public List<string> NameServers { get; set; } = [];

    /// <summary>How long one DNS query may take, in seconds. Defaults to 5.</summary>
    [Range(1, 60)]
    public int DnsTimeoutSeconds { get; set; } = 5;

    /// <summary>Hours between the automatic checks of every domain. Defaults to 24 (daily).</summary>
    [Range(1, 24 * 30)]
    public int CheckEveryHours { get; set; } = 24;

    /// <summary>The configured name servers, parsed; null when one of them is not an address (port).</summary>
    internal IReadOnlyList<IPEndPoint>? ParsedNameServers() => Sending.DirectMxOptions.ParseEndpoints(NameServers);

    /// <summary>The sending addresses, parsed; null when one of them is not an IP address.</summary>
    internal IReadOnlyList<IPAddress>? ParsedSendingIps()
    {
        var parsed = new List<IPAddress>();
        foreach (var value in SendingIps)
        {
            if (!IPAddress.TryParse(value, out var address))
            {
                return null;
            }
            parsed.Add(address);
        }
        return parsed;
    }
}
