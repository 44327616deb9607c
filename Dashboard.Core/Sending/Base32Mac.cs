namespace Dashboard.Core.Sending;

/// <summary>
/// A MAC written as lower-case base32 (a–z, 2–7): safe in an address's local part, which may be
/// lower-cased on the way, and in a URL path. The return path and the unsubscribe link both sign so.
/// </summary>
internal static class Base32Mac
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>The first <paramref name="length"/> characters, 5 bits each from the MAC's leading bits.</summary>
    internal static string Encode(ReadOnlySpan<byte> mac, int length)
    {
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length; i++)
        {
            var bit = i * 5;
            var word = (mac[bit / 8] << 8) | mac[bit / 8 + 1];
            chars[i] = Alphabet[(word >> (11 - bit % 8)) & 31];
        }
        return new string(chars);
    }
}
