using Dashboard.Core.Sending;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Domains;

/// <summary>The DNS records a sender domain should publish, worked out from the settings. One owner of their wording.</summary>
public sealed class DomainRecords(IOptions<DomainOptions> options, IOptions<ReturnPathOptions> returnPath, IOptions<Dmarc.DmarcOptions> dmarc)
{
    /// <summary>The domain bounces come back to (the return path's), whose MX must reach the inbound listener.</summary>
    public string BounceDomain => returnPath.Value.Domain;

    /// <summary>Where DMARC aggregate reports go: <c>Dmarc:Address</c>, else <c>dmarc@</c> the bounce domain.</summary>
    public string DmarcAddress => dmarc.Value.ReportAddress(BounceDomain);

    /// <summary>The SPF mechanisms that cover how mail leaves: the smarthost's include, the sending addresses, or the domain's MX when neither is set.</summary>
    public IReadOnlyList<string> SpfMechanisms
    {
        get
        {
            var o = options.Value;
            var terms = new List<string>();
            foreach (var ip in o.ParsedSendingIps() ?? [])
            {
                terms.Add($"{(ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "ip6" : "ip4")}:{ip}");
            }
            if (!string.IsNullOrWhiteSpace(o.SpfInclude))
            {
                terms.Add($"include:{o.SpfInclude}");
            }
            if (terms.Count == 0)
            {
                terms.Add("mx");
            }
            return terms;
        }
    }

    /// <summary>The TXT data of the DKIM key record for <paramref name="publicKey"/> (base64).</summary>
    public static string DkimValue(string publicKey) => $"v=DKIM1; k=rsa; p={publicKey}";

    /// <summary>Where the DKIM key of <paramref name="domain"/> is published.</summary>
    public static string DkimName(SenderDomain domain) => $"{domain.Selector}._domainkey.{domain.Name}";

    /// <summary>The records to publish for <paramref name="domain"/>: DKIM, SPF, DMARC, and the bounce domain's MX.</summary>
    public IReadOnlyList<PublishedRecord> For(SenderDomain domain) =>
    [
        new(RecordKind.Dkim, DkimName(domain), "TXT", DkimValue(domain.PublicKey)),
        new(RecordKind.Spf, domain.Name, "TXT", $"v=spf1 {string.Join(' ', SpfMechanisms)} ~all"),
        new(RecordKind.Dmarc, $"_dmarc.{domain.Name}", "TXT", $"v=DMARC1; p=none; rua=mailto:{DmarcAddress}"),
        new(RecordKind.Mx, BounceDomain, "MX", $"10 {(string.IsNullOrWhiteSpace(options.Value.InboundHost) ? "<the inbound listener's public host name>" : options.Value.InboundHost.Trim().TrimEnd('.'))}."),
    ];
}
