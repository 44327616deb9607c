using System.Text;
using MimeKit;
using MimeKit.Encodings;

namespace Dashboard.Core.Bounces;

/// <summary>
/// Decodes one MIME leaf part to text (transfer encoding, then charset), defensively and at most
/// <see cref="MaxTextPerPart"/> characters of it. <see cref="MessageLoader"/> walks the structure;
/// this reads what a part holds.
/// </summary>
internal static class PartDecoder
{
    /// <summary>How much text one part contributes at most.</summary>
    internal const int MaxTextPerPart = 128 * 1024;

    /// <summary>A text part's text, never throwing: ours for the common case, MimeKit's otherwise, the raw bytes last.</summary>
    internal static string SafeText(TextPart part)
    {
        try
        {
            return PlainText(part) ?? part.Text ?? "";
        }
        catch (Exception)
        {
            return Decode(part);
        }
    }

    /// <summary>
    /// The text of the common part (ASCII or valid UTF-8 labelled as such, in 7bit/8bit/binary,
    /// quoted-printable or base64) decoded in one pass over a pooled buffer; null for anything else,
    /// which <see cref="TextPart.Text"/> decodes. Gives exactly what TextPart.Text gives for these
    /// parts (CRLF read as LF) without its chain of filter streams and their buffers per part.
    /// </summary>
    private static string? PlainText(TextPart part)
    {
        var charset = part.ContentType.Charset;
        var utf8 = charset is not null && (charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase));
        if (!utf8 && charset is not null && !charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        if (DecodeToPool(part, 4 * MaxTextPerPart, out var length) is not { } buffer)
        {
            return null;
        }
        try
        {
            var bytes = buffer.AsSpan(0, length);
            // Anything MimeKit might read otherwise (8-bit bytes without a UTF-8 label, invalid UTF-8,
            // a byte-order mark) goes to TextPart.Text.
            if (utf8 ? !System.Text.Unicode.Utf8.IsValid(bytes) || bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) : !System.Text.Ascii.IsValid(bytes))
            {
                return null;
            }
            // Decoded into a pooled buffer and CRLF read as LF there: one string per part, not two.
            var chars = System.Buffers.ArrayPool<char>.Shared.Rent(Math.Max(Encoding.UTF8.GetMaxCharCount(bytes.Length), 1));
            try
            {
                var count = Encoding.UTF8.GetChars(bytes, chars);
                return new string(chars, 0, DropCarriageReturnsBeforeLineFeeds(chars.AsSpan(0, count)));
            }
            finally
            {
                System.Buffers.ArrayPool<char>.Shared.Return(chars);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The part's content decoded (7bit/8bit/binary, quoted-printable or base64) into a buffer rented
    /// from the shared pool, which the caller returns; null for other encodings or content larger
    /// than <paramref name="maxRaw"/>, left to MimeKit's own decoding.
    /// </summary>
    private static byte[]? DecodeToPool(MimePart part, int maxRaw, out int length)
    {
        length = 0;
        if (part.Content?.Stream is not { CanSeek: true } stream || stream.Length > maxRaw)
        {
            return null;
        }
        IMimeDecoder? decoder = part.Content.Encoding switch
        {
            ContentEncoding.Default or ContentEncoding.SevenBit or ContentEncoding.EightBit or ContentEncoding.Binary => null,
            ContentEncoding.QuotedPrintable => new QuotedPrintableDecoder(),
            ContentEncoding.Base64 => new Base64Decoder(),
            _ => NotPlain,
        };
        if (ReferenceEquals(decoder, NotPlain))
        {
            return null;
        }
        var rawLength = (int)stream.Length;
        var raw = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Max(rawLength, 1));
        try
        {
            stream.Position = 0;
            stream.ReadExactly(raw, 0, rawLength);
            if (decoder is null)
            {
                length = rawLength;
                var result = raw;
                raw = null;
                return result;
            }
            var decoded = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Max(decoder.EstimateOutputLength(rawLength), 1));
            length = decoder.Decode(raw, 0, rawLength, decoded);
            return decoded;
        }
        finally
        {
            if (raw is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(raw);
            }
        }
    }

    /// <summary>Removes every CR that comes right before an LF, in place; returns the new length.</summary>
    private static int DropCarriageReturnsBeforeLineFeeds(Span<char> text)
    {
        var at = text.IndexOf("\r\n");
        if (at < 0)
        {
            return text.Length;
        }
        var n = at;
        for (var i = at; i < text.Length; i++)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                continue;
            }
            text[n++] = text[i];
        }
        return n;
    }

    private static readonly IMimeDecoder NotPlain = new PassThroughDecoder(ContentEncoding.Default);

    /// <summary>The decoded content of a leaf part as text (UTF-8, falling back to Latin-1).</summary>
    internal static string Decode(MimePart part)
    {
        try
        {
            if (part.Content is null)
            {
                return "";
            }
            if (DecodeToPool(part, 4 * MaxTextPerPart, out var length) is { } buffer)
            {
                try
                {
                    return DecodeBytes(buffer.AsSpan(0, Math.Min(length, MaxTextPerPart)));
                }
                finally
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                }
            }
            using var output = new MemoryStream();
            part.Content.DecodeTo(output);
            return DecodeBytes(output.GetBuffer().AsSpan(0, (int)Math.Min(output.Length, MaxTextPerPart)));
        }
        catch (Exception)
        {
            return "";
        }
    }

    /// <summary>Undoes a raw ISO-2022-JP value read as if it were Latin-1/UTF-8 (Japanese carriers' DSN fields).</summary>
    internal static string FixJis(string value)
    {
        if (value.IndexOf('\u001b') < 0)
        {
            return value;
        }
        // Neither step throws: both encodings replace what they cannot map.
        return Encoding.GetEncoding("iso-2022-jp").GetString(Encoding.Latin1.GetBytes(value));
    }

    /// <summary>Bytes as text: ISO-2022-JP when it has its escapes, UTF-8 when valid, Latin-1 otherwise.</summary>
    internal static string DecodeBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IndexOf((byte)0x1b) >= 0 && bytes.IndexOf("\u001b$B"u8) >= 0)
        {
            // The decoder replaces what it cannot read; it does not throw.
            return Encoding.GetEncoding("iso-2022-jp").GetString(bytes);
        }
        // Validate instead of catching a decoder exception: 8-bit Latin-1 parts are common in bounces.
        return System.Text.Unicode.Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : Encoding.Latin1.GetString(bytes);
    }
}
