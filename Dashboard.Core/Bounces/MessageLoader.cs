using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace Dashboard.Core.Bounces;

/// <summary>Parses raw bytes with MimeKit (defensively) into a <see cref="MessageView"/>.</summary>
internal static partial class MessageLoader
{
    private const int MaxParts = 64;

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

    [GeneratedRegex(@"<[^>]{0,2000}>", RegexOptions.CultureInvariant)]
    private static partial Regex HtmlTag();

    // A parser per thread: MimeParser owns sizeable buffers, and the command runs on several threads.
    [ThreadStatic]
    private static MimeParser? reusableParser;

    internal static MessageView Load(ReadOnlyMemory<byte> raw)
    {
        _ = CodePagesRegistered;
        var bytes = RawMessageBytes.SkipLeadingBlankLines(RawMessageBytes.NormalizeLineEnds(raw));
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
            InlineOriginal.Split(view, ref body);
        }
        else
        {
            InlineOriginal.CutQuotedHeaders(ref body);
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
                view.DeliveryStatus.AddRange(FieldBlocks.Parse(PartDecoder.Decode(other)));
                break;
            case MimePart other when other.ContentType.MimeType.Equals("message/feedback-report", StringComparison.OrdinalIgnoreCase):
                view.Feedback ??= ReadFeedbackText(PartDecoder.Decode(other), view);
                break;
            case MimePart other when other.ContentType.MimeType.Equals("text/rfc822-headers", StringComparison.OrdinalIgnoreCase)
                                     || other.ContentType.MimeType.Equals("message/rfc822-headers", StringComparison.OrdinalIgnoreCase):
                view.OriginalHeaders ??= LoadHeaders(PartDecoder.Decode(other));
                break;
        }
    }

    private static void ReadText(TextPart part, MessageView view, TextParts text, TextParts html)
    {
        var mime = part.ContentType.MimeType;
        if (mime.Equals("text/rfc822-headers", StringComparison.OrdinalIgnoreCase))
        {
            view.OriginalHeaders ??= LoadHeaders(PartDecoder.SafeText(part));
            return;
        }
        if (part.IsAttachment && !mime.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        var content = PartDecoder.SafeText(part);
        if (part.IsHtml)
        {
            if (html.Length < PartDecoder.MaxTextPerPart)
            {
                html.AddLine(content);
            }
            return;
        }
        if (text.Length < PartDecoder.MaxTextPerPart)
        {
            text.AddLine(content.Length > PartDecoder.MaxTextPerPart ? content[..PartDecoder.MaxTextPerPart] : content);
        }
    }

    private static void ReadDeliveryStatus(MessageDeliveryStatus status, MessageView view)
    {
        // The part is recognised by MimeKit's MessageDeliveryStatus type; its fields are read with our
        // own tolerant reader (one pass over the decoded text), which also survives junk lines and
        // bad folding where StatusGroups would give up, and costs far less per message.
        view.DeliveryStatus.AddRange(FieldBlocks.Parse(PartDecoder.FixJis(PartDecoder.Decode(status))));
    }

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
        return ReadFeedbackText(PartDecoder.Decode(report), view);
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

    private static string RawBody(ReadOnlySpan<byte> span)
    {
        var end = span.IndexOf("\n\n"u8);
        var crlf = span.IndexOf("\r\n\r\n"u8);
        var start = end < 0 ? crlf < 0 ? span.Length : crlf + 4 : crlf >= 0 && crlf < end ? crlf + 4 : end + 2;
        var body = span[start..];
        return PartDecoder.DecodeBytes(body[..Math.Min(body.Length, PartDecoder.MaxTextPerPart)]);
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
}
