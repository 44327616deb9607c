using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Sending;

/// <summary>
/// Makes and checks return-path tokens: <c>{public id}-{signature}</c>, the signature being the first
/// 16 base32 characters (80 bits) of HMAC-SHA256(key, public id). Lower case only, because mail
/// servers may change the case of a local part.
/// </summary>
public sealed class ReturnPathSigner(IOptions<ReturnPathOptions> options)
{
    private const int SignatureLength = 16;

    /// <summary>True when messages carry a signed return path.</summary>
    public bool Enabled => options.Value.Enabled;

    /// <summary>The bounce domain.</summary>
    public string Domain => options.Value.Domain;

    /// <summary>The signed token for a message's public id.</summary>
    public string TokenFor(string publicId) => $"{publicId}-{Sign(publicId)}";

    /// <summary>The return-path address carrying <paramref name="token"/>.</summary>
    public string AddressFor(string token) => $"{options.Value.Prefix}+{token}@{options.Value.Domain}";

    /// <summary>True when <paramref name="domain"/> is the bounce domain.</summary>
    public bool IsBounceDomain(string domain) => string.Equals(domain, options.Value.Domain, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads a return-path address (or a bare token). Found: a token was present; Valid: its signature
    /// checks out, and <paramref name="publicId"/> is the message's public id.
    /// </summary>
    public (bool Found, bool Valid) TryRead(string? addressOrToken, out string publicId)
    {
        publicId = "";
        if (string.IsNullOrWhiteSpace(addressOrToken))
        {
            return (false, false);
        }
        var value = addressOrToken.Trim().Trim('<', '>').ToLowerInvariant();
        var at = value.LastIndexOf('@');
        if (at >= 0)
        {
            if (!IsBounceDomain(value[(at + 1)..]))
            {
                return (false, false);
            }
            var local = value[..at];
            var prefix = options.Value.Prefix + "+";
            if (!local.StartsWith(prefix, StringComparison.Ordinal))
            {
                return (false, false);
            }
            value = local[prefix.Length..];
        }
        var dash = value.LastIndexOf('-');
        if (dash <= 0 || dash == value.Length - 1)
        {
            return (at >= 0, false);
        }
        var id = value[..dash];
        var signature = value[(dash + 1)..];
        var expected = Sign(id);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(expected)))
        {
            return (true, false);
        }
        publicId = id;
        return (true, true);
    }

    private string Sign(string publicId)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.SigningKey ?? ""), Encoding.UTF8.GetBytes(publicId));
        return Base32Mac.Encode(mac, SignatureLength);
    }
}
