using System.Security.Cryptography;

namespace Dashboard.Core.Sending;

/// <summary>Opaque, unguessable ids for URLs, the API and return-path tokens.</summary>
internal static class PublicIds
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    /// <summary>20 characters from an unambiguous alphabet (100 bits).</summary>
    public static string New()
    {
        Span<byte> bytes = stackalloc byte[20];
        RandomNumberGenerator.Fill(bytes);
        return string.Create(20, bytes.ToArray(), (chars, b) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Alphabet[b[i] % 32];
            }
        });
    }
}
