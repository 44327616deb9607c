using System.Security.Cryptography;
using System.Text;
using Dashboard.Core.Sending;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Unsubscribe;

/// <summary>
/// Makes and checks the unsubscribe links of a message: token <c>{public id}-{signature}</c>, the
/// signature 26 base32 characters (130 bits) of HMAC-SHA256(key, "unsubscribe:" + public id). Lower
/// case only, so the same token works in a URL and in a mailto's local part.
/// </summary>
public sealed class UnsubscribeSigner(IOptions<UnsubscribeOptions> options, IOptions<ReturnPathOptions> returnPath)
{
    private const int SignatureLength = 26;

    /// <summary>True when outgoing mail carries List-Unsubscribe.</summary>
    public bool Enabled => options.Value.Enabled;

    /// <summary>The signed token for a message's public id.</summary>
    public string TokenFor(string publicId) => $"{publicId}-{Sign(publicId)}";

    /// <summary>The one-click HTTPS link: a GET shows a confirmation page, a POST unsubscribes.</summary>
    public string UrlFor(string publicId) => $"{options.Value.PublicBaseUrl!.TrimEnd('/')}/unsubscribe/{TokenFor(publicId)}";

    /// <summary>The mailto address, reaching the inbound listener.</summary>
    public string MailtoAddressFor(string publicId) => $"{options.Value.MailtoPrefix}+{TokenFor(publicId)}@{returnPath.Value.Domain}";

    /// <summary>
    /// The two headers RFC 8058 asks for: <c>List-Unsubscribe: &lt;https…&gt;, &lt;mailto:…&gt;</c> and
    /// <c>List-Unsubscribe-Post: List-Unsubscribe=One-Click</c>.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> HeadersFor(string publicId) =>
    [
        new("List-Unsubscribe", $"<{UrlFor(publicId)}>, <mailto:{MailtoAddressFor(publicId)}?subject=unsubscribe>"),
        new("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
    ];

    /// <summary>True when <paramref name="address"/> is at the bounce domain with the unsubscribe prefix (signed or not).</summary>
    public bool LooksLikeMailto(string address)
    {
        var at = address.LastIndexOf('@');
        return at > 0 && string.Equals(address[(at + 1)..], returnPath.Value.Domain, StringComparison.OrdinalIgnoreCase)
               && address.StartsWith(options.Value.MailtoPrefix + "+", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Reads a token, or a mailto address carrying one. Returns the message's public id when the
    /// signature checks out; null for anything else (unknown shape, other domain, forged).
    /// </summary>
    public string? Read(string? tokenOrAddress)
    {
        if (string.IsNullOrWhiteSpace(tokenOrAddress) || tokenOrAddress.Length > 300)
        {
            return null;
        }
        var value = tokenOrAddress.Trim().Trim('<', '>').ToLowerInvariant();
        var at = value.LastIndexOf('@');
        if (at >= 0)
        {
            var prefix = options.Value.MailtoPrefix + "+";
            if (!string.Equals(value[(at + 1)..], returnPath.Value.Domain, StringComparison.OrdinalIgnoreCase)
                || !value.StartsWith(prefix, StringComparison.Ordinal))
            {
                return null;
            }
            value = value[prefix.Length..at];
        }
        var dash = value.LastIndexOf('-');
        if (dash <= 0 || value.Length - dash - 1 != SignatureLength)
        {
            return null;
        }
        var id = value[..dash];
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(value[(dash + 1)..]), Encoding.ASCII.GetBytes(Sign(id))) ? id : null;
    }

    private string Sign(string publicId)
    {
        var key = options.Value.SigningKey ?? throw new InvalidOperationException("Unsubscribe:SigningKey is not set.");
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes("unsubscribe:" + publicId));
        return Base32Mac.Encode(mac, SignatureLength);
    }
}
