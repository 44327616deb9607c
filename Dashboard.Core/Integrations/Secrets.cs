using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Core.Integrations;

/// <summary>
/// Generated secrets and their hashes. The secrets are 160+ random bits, so a plain SHA-256 is as
/// safe as a slow password hash (nothing to guess) and lets the relay check a login in microseconds.
/// </summary>
internal static class Secrets
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>A random string of <paramref name="length"/> characters (about 5.8 bits each).</summary>
    public static string New(int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
        return new string(chars);
    }

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static bool Matches(string secret, byte[] hash) =>
        CryptographicOperations.FixedTimeEquals(Hash(secret), hash);
}
