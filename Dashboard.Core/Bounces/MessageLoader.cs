using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.Encodings;

namespace Dashboard.Core.Bounces;

/// <summary>Parses raw bytes with MimeKit (defensively) into a <see cref="MessageView"/>.</summary>
internal static partial class MessageLoader
{
    private const int MaxParts = 64;
    private const int MaxTextPerPart = 128 * 1024;

    // Must run before anything touches MimeKit's charset tables (ISO-2022-JP, Shift_JIS, KOI8-R, …).
    private static readonly bool CodePagesRegistered = RegisterCodePages();

    private static readonly ParserOptions Options = new()
    {
        MaxMimeDepth = 8,
        RespectContentLength = false,
        AllowAddressesWithoutDomain = true,
        AddressParserComplianceMode = RfcComplianceMode.Looser,
        ParameterComplianceMode = RfcComplianceMode.Looser,
        Rfc2047ComplianceMode = RfcComplianceMode.Looser,
        CharsetEncoding = Encoding.UTF8,
    };

    private static bool RegisterCodePages()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    }

    // Lines that start the copy of the original message in plain-text bounces.
    [GeneratedRegex(@"^[ \t]*(?:(?:[-=_*]{2,}[ \t]*)?(?:this is a copy of|below this line is a copy|original message follows|a copy of the original message|the header of the original message|headers? of (?:the )?(?:original|returned) message|your message reads|message text follows|unsent message below|content-type: message/rfc822|here is a copy|included is a copy|original message header)|[-=_*]{2,}[ \t]*(?:the |your |a )?(?:original message|returned message|undelivered message|forwarded message|message header|copy of (?:the )?message|text of your message|message))", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OriginalMarker();

    // A header block of the returned message embedded in plain text (after a blank line).
    [GeneratedRegex(@"\n\n(?=(?:Return-Path|Received|Message-Id|DKIM-Signature|X-[A-Za-z-]+|Delivered-To|Authentication-Results|MIME-Version):[^\n]*\n(?:[ \t][^\n]*\n)*(?:Received|From|To|Date|Subject|Message-Id|X-[A-Za-z-]+|Return-Path|Content-Type|MIME-Version|Delivered-To):)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EmbeddedHeaders();

    [GeneratedRegex(@"<[^>]{0,2000}>", RegexOptions.CultureInvariant)]
    private static partial Regex HtmlTag();

    // A parser per thread: MimeParser owns sizeable buffers, and the command runs on several threads.
    [ThreadStatic]
    private static MimeParser? reusableParser;

    internal static MessageView Load(ReadOnlyMemory<byte> raw)
    {
        _ = CodePagesRegistered;
        var bytes = SkipLeadingBlankLines(NormalizeLineEnds(raw));
        // Persistent parse: parts point into our byte array instead of copying their content, so the
        // stream stays open until the parts have been read below.
        using var stream = new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false);
        var parser = reusableParser ??= new MimeParser(Options, Stream.Null, persistent: true);
        parser.SetStream(stream, MimeFormat.Entity, persistent: true);
        // Disposed when read: MimeKit's entities have finalizers, so an undisposed message survives its
        // first collection with its whole graph, and the finalizer thread runs for every part. In the
        // classify command that made a third of every collection survive and cost a third of the time.
        // The header lists kept in the view stay readable after disposal.
        using var message = parser.ParseMessage();

        var view = new MessageView { Headers = message.Headers };
        var text = new TextParts();
        var html = new TextParts();
        var parts = 0;
        Walk(message.Body, view, text, html, ref parts, 0);
        var body = text.Length > 0 ? text.ToString() : StripHtml(html.ToString());
        if (body.AsSpan().IsWhiteSpace() && view.DeliveryStatus.Count == 0)
        {
            // The MIME structure is broken (a boundary that never appears): read the raw body as text.
            body = RawBody(bytes);
        }
        if (body.Contains('\r'))
        {
            body = body.Replace("\r\n", "\n").Replace('\r', '\n');
        }
        if (view.OriginalHeaders is null)
        {
            SplitInlineOriginal(view, ref body);
        }
        else
        {
            CutQuotedHeaders(ref body);
        }
        view.ErrorText = body;
        return view;
    }

    private static void Walk(MimeEntity? entity, MessageView view, TextParts text, TextParts html, ref int parts, int depth)
    {
        if (entity is null || depth > 6 || ++parts > MaxParts)
        {
            return;
        }
        switch (entity)
        {
            case MultipartReport report:
                view.ReportType ??= report.ReportType;
                foreach (var child in report)
                {
                    Walk(child, view, text, html, ref parts, depth + 1);
                }
                break;
            case Multipart { Count: 0 } empty:
                // The boundary never appears: everything sits in the preamble.
                text.AddLine(empty.Preamble).AddLine(empty.Epilogue);
                break;
            case Multipart multipart:
                foreach (var child in multipart)
                {
                    Walk(child, view, text, html, ref parts, depth + 1);
                }
                break;
            case MessageDeliveryStatus status:
                ReadDeliveryStatus(status, view);
                break;
            case MessageFeedbackReport feedback:
                view.Feedback ??= ReadFields(feedback, view);
                break;
            case MessagePart messagePart:
                if (view.OriginalHeaders is null && messagePart.Message is { } inner)
                {
                    view.OriginalHeaders = inner.Headers;
                    // A report forwarded as an attachment still carries its status inside.
                    if (view.DeliveryStatus.Count == 0 && inner.Body is Multipart && depth < 3)
                    {
                        var innerText = new TextParts();
                        var innerHtml = new TextParts();
                        var before = view.OriginalHeaders;
                        Walk(inner.Body, view, innerText, innerHtml, ref parts, depth + 2);
                        view.OriginalHeaders = before;
                    }
                }
                break;
            case TextPart part:
                ReadText(part, view, text, html);
                break;
            case MimePart other when other.ContentType.MimeType.Equals("message/delivery-status", StringComparison.OrdinalIgnoreCase)
                                     || other.ContentType.MimeType.Equals("message/global-delivery-status", StringComparison.OrdinalIgnoreCase):
                view.DeliveryStatus.AddRange(FieldBlocks.Parse(Decode(other)));
                break;
            case MimePart other when other.ContentType.MimeType.Equals("message/feedback-report", StringComparison.OrdinalIgnoreCase):
                view.Feedback ??= ReadFeedbackText(Decode(other), view);
                break;
            case MimePart other when other.ContentType.MimeType.Equals("text/rfc822-headers", StringComparison.OrdinalIgnoreCase)
                                     || other.ContentType.MimeType.Equals("message/rfc822-headers", StringComparison.OrdinalIgnoreCase):
                view.OriginalHeaders ??= LoadHeaders(Decode(other));
                break;
        }
    }

    private static void ReadText(TextPart part, MessageView view, TextParts text, TextParts html)
    {
        var mime = part.ContentType.MimeType;
        if (mime.Equals("text/rfc822-headers", StringComparison.OrdinalIgnoreCase))
        {
            view.OriginalHeaders ??= LoadHeaders(SafeText(part));
            return;
        }
        if (part.IsAttachment && !mime.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        var content = SafeText(part);
        if (part.IsHtml)
        {
            if (html.Length < MaxTextPerPart)
            {
                html.AddLine(content);
            }
            return;
        }
        if (text.Length < MaxTextPerPart)
        {
            text.AddLine(content.Length > MaxTextPerPart ? content[..MaxTextPerPart] : content);
        }
    }

    private static void ReadDeliveryStatus(MessageDeliveryStatus status, MessageView view)
    {
        // The part is recognised by MimeKit's MessageDeliveryStatus type; its fields are read with our
        // own tolerant reader (one pass over the decoded text), which also survives junk lines and
        // bad folding where StatusGroups would give up, and costs far less per message.
        view.DeliveryStatus.AddRange(FieldBlocks.Parse(FixJis(Decode(status))));
    }

    internal static bool HasRecipient(Dictionary<string, string> block) =>
        block.ContainsKey("Final-Recipient") || block.ContainsKey("Original-Recipient") || block.ContainsKey("X-Actual-Recipient");

    private static Dictionary<string, string> ReadFields(MessageFeedbackReport report, MessageView view)
    {
        try
        {
            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in report.Fields)
            {
                var value = header.Value?.Trim() ?? "";
                fields.TryAdd(header.Field, value);
                if (header.Field.Equals("Original-Rcpt-To", StringComparison.OrdinalIgnoreCase))
                {
                    view.FeedbackRecipients.Add(value);
                }
            }
            if (fields.Count > 0)
            {
                return fields;
            }
        }
        catch (Exception)
        {
            // Fall through to reading the text ourselves.
        }
        return ReadFeedbackText(Decode(report), view);
    }

    private static Dictionary<string, string> ReadFeedbackText(string text, MessageView view)
    {
        foreach (var line in text.Split('\n', 200))
        {
            if (line.StartsWith("Original-Rcpt-To:", StringComparison.OrdinalIgnoreCase))
            {
                view.FeedbackRecipients.Add(line["Original-Rcpt-To:".Length..].Trim());
            }
        }
        return Merge(FieldBlocks.Parse(text));
    }

    private static Dictionary<string, string> Merge(List<Dictionary<string, string>> blocks)
    {
        var merged = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var block in blocks)
        {
            foreach (var (key, value) in block)
            {
                merged.TryAdd(key, value);
            }
        }
        return merged;
    }

    private static string SafeText(TextPart part)
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

    /// <summary>
    /// Pieces of text, each followed by a line end, joined into one string at the end: a
    /// StringBuilder would copy every piece twice (into its chunks, then out of them).
    /// </summary>
    private sealed class TextParts
    {
        private readonly List<string> parts = [];

        public int Length { get; private set; }

        public TextParts AddLine(string? piece)
        {
            piece ??= "";
            parts.Add(piece);
            Length += piece.Length + 1;
            return this;
        }

        public override string ToString() => parts.Count == 0 ? "" : string.Create(Length, parts, static (span, parts) =>
        {
            var at = 0;
            foreach (var piece in parts)
            {
                piece.CopyTo(span[at..]);
                at += piece.Length;
                span[at++] = '\n';
            }
        });
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
        try
        {
            return Encoding.GetEncoding("iso-2022-jp").GetString(Encoding.Latin1.GetBytes(value));
        }
        catch (Exception)
        {
            return value;
        }
    }

    private static string DecodeBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IndexOf((byte)0x1b) >= 0 && bytes.IndexOf("\u001b$B"u8) >= 0)
        {
            try
            {
                return Encoding.GetEncoding("iso-2022-jp").GetString(bytes);
            }
            catch (Exception)
            {
                // Fall through to the usual decoding.
            }
        }
        // Validate instead of catching a decoder exception: 8-bit Latin-1 parts are common in bounces.
        return System.Text.Unicode.Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : Encoding.Latin1.GetString(bytes);
    }

    private static string RawBody(ReadOnlySpan<byte> span)
    {
        var end = span.IndexOf("\n\n"u8);
        var crlf = span.IndexOf("\r\n\r\n"u8);
        var start = end < 0 ? crlf < 0 ? span.Length : crlf + 4 : crlf >= 0 && crlf < end ? crlf + 4 : end + 2;
        var body = span[start..];
        return DecodeBytes(body[..Math.Min(body.Length, MaxTextPerPart)]);
    }

    /// <summary>
    /// The header block at the start of <paramref name="text"/> (up to its first blank line, at most
    /// 32K characters), or null when there is none. Encoded straight from the span into a pooled
    /// buffer: no copies of the text on the way.
    /// </summary>
    internal static HeaderList? LoadHeaders(ReadOnlySpan<char> text)
    {
        var trimmed = text.TrimStart("\r\n \t");
        if (trimmed.IsWhiteSpace())
        {
            return null;
        }
        if (trimmed.Length > 32 * 1024)
        {
            trimmed = trimmed[..(32 * 1024)];
        }
        var end = trimmed.IndexOf("\n\n", StringComparison.Ordinal);
        var block = end >= 0 ? trimmed[..(end + 1)] : trimmed;
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(block.Length) + 2);
        try
        {
            var length = Encoding.UTF8.GetBytes(block, buffer);
            if (end < 0)
            {
                buffer[length++] = (byte)'\n';
            }
            buffer[length++] = (byte)'\n';
            using var stream = new MemoryStream(buffer, 0, length, writable: false);
            var headers = HeaderList.Load(Options, stream);
            return headers.Count > 0 ? headers : null;
        }
        catch (Exception)
        {
            return null;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void SplitInlineOriginal(MessageView view, ref string body)
    {
        var limit = Math.Min(body.Length, SmtpText.MaxScan);
        var marker = OriginalMarker().Match(body, 0, limit);
        var cut = -1;
        if (marker.Success && marker.Index > 0)
        {
            cut = marker.Index;
        }
        var embedded = EmbeddedHeaders().Match(body, 0, limit);
        if (embedded.Success && (cut < 0 || embedded.Index < cut) && embedded.Index > 0)
        {
            // Only treat it as the returned message when bounce text came before it.
            cut = embedded.Index + 1;
        }
        if (cut <= 0)
        {
            return;
        }
        // Skip the marker line itself, then read the returned headers.
        var headers = HeaderLine().Match(body, cut, Math.Min(body.Length - cut, 8192));
        if (headers.Success)
        {
            view.OriginalHeaders = LoadHeaders(body.AsSpan(headers.Index));
        }
        body = body[..cut];
    }

    [GeneratedRegex(@"^[ \t]*original message headers?:?[ \t]*$", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuotedHeadersMarker();

    // Exchange's report quotes the returned message's headers in its own text ("Original message
    // headers:") even when the message is attached too: cut them, or they read as the diagnostic.
    private static void CutQuotedHeaders(ref string body)
    {
        var marker = QuotedHeadersMarker().Match(body, 0, Math.Min(body.Length, SmtpText.MaxScan));
        if (marker.Success && !body.AsSpan(0, marker.Index).IsWhiteSpace())
        {
            body = body[..marker.Index];
        }
    }

    [GeneratedRegex(@"^(?:Return-Path|Received|Message-Id|From|To|Date|Subject|DKIM-Signature|X-[A-Za-z-]+|MIME-Version|Content-Type|Delivered-To):", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeaderLine();

    private static string StripHtml(string html)
    {
        if (html.Length == 0)
        {
            return "";
        }
        var withBreaks = html.Replace("<br", "\n<br", StringComparison.OrdinalIgnoreCase)
            .Replace("<p", "\n<p", StringComparison.OrdinalIgnoreCase)
            .Replace("<tr", "\n<tr", StringComparison.OrdinalIgnoreCase)
            .Replace("<div", "\n<div", StringComparison.OrdinalIgnoreCase);
        var stripped = HtmlTag().Replace(withBreaks, " ");
        return System.Net.WebUtility.HtmlDecode(stripped);
    }

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
