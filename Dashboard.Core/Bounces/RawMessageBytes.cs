namespace Dashboard.Core.Bounces;

/// <summary>Raw message bytes made readable for MimeKit before parsing: line ends and leading blank lines.</summary>
internal static class RawMessageBytes
{
    /// <summary>
    /// Drops blank or whitespace-only lines before the first header: MimeKit would read the first one
    /// as the end of an empty header block and take the real headers for the body.
    /// </summary>
    internal static ArraySegment<byte> SkipLeadingBlankLines(ArraySegment<byte> bytes)
    {
        var span = bytes.AsSpan();
        var skip = 0;
        while (skip < span.Length)
        {
            var lineEnd = span[skip..].IndexOf((byte)'\n');
            if (lineEnd < 0 || !span.Slice(skip, lineEnd).TrimEnd((byte)'\r').Trim(" \t"u8).IsEmpty)
            {
                break;
            }
            skip += lineEnd + 1;
        }
        return skip == 0 ? bytes : bytes[skip..];
    }

    /// <summary>
    /// Returns bytes whose line ends MimeKit understands: CR-only line ends become LF.
    /// LF and CRLF are passed through untouched (no copy when the memory is an array's).
    /// </summary>
    internal static ArraySegment<byte> NormalizeLineEnds(ReadOnlyMemory<byte> raw)
    {
        var span = raw.Span;
        // Every CR is part of a CRLF exactly when there are as many CRs as CRLFs: two vectorised
        // counts instead of a search per line.
        var loneCr = span.Contains((byte)'\r') && span.Count((byte)'\r') != span.Count("\r\n"u8);
        if (!loneCr)
        {
            return System.Runtime.InteropServices.MemoryMarshal.TryGetArray(raw, out var segment)
                ? segment
                : span.ToArray();
        }
        var copy = new byte[span.Length];
        var n = 0;
        for (var i = 0; i < span.Length; i++)
        {
            var b = span[i];
            if (b == (byte)'\r')
            {
                copy[n++] = (byte)'\n';
                if (i + 1 < span.Length && span[i + 1] == (byte)'\n')
                {
                    i++;
                }
                continue;
            }
            copy[n++] = b;
        }
        return new ArraySegment<byte>(copy, 0, n);
    }
}
