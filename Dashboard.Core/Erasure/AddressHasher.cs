using System.Security.Cryptography;
using System.Text;
using Dashboard.Core.Sending;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Erasure;

/// <summary>
/// The keyed hash that stands for a forgotten address on the suppression list: HMAC-SHA256 of the
/// lower-cased address, as <c>erased:</c> and 32 hex digits. The address cannot be read back from it,
/// yet a later send to the same address finds it.
/// </summary>
public sealed class AddressHasher(IOptions<ErasureOptions> erasure, IOptions<ReturnPathOptions> returnPath)
{
    /// <summary>What every hashed value starts with.</summary>
    public const string Prefix = "erased:";

    private readonly byte[]? _key = (erasure.Value.HashKey ?? returnPath.Value.SigningKey) is { Length: >= 32 } secret
        ? SHA256.HashData(Encoding.UTF8.GetBytes("address-erasure:" + secret))
        : null;

    /// <summary>True when a key is configured, so addresses can be forgotten.</summary>
    public bool CanHash => _key is not null;

    /// <summary>The hashed form of <paramref name="address"/>; null without a key.</summary>
    public string? Hash(string address)
    {
        if (_key is null)
        {
            return null;
        }
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(address.Trim().ToLowerInvariant()));
        return Prefix + Convert.ToHexStringLower(mac.AsSpan(0, 16));
    }
}
