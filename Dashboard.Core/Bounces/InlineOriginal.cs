using System.Text.RegularExpressions;

namespace Dashboard.Core.Bounces;

/// <summary>
/// Where a plain-text bounce quotes the message it returns ("--- Below this line is a copy of the
/// message."), so its headers are read as the original's and its text is not read as the diagnostic.
/// </summary>
internal static partial class InlineOriginal
{
    // Lines that start the copy of the original message in plain-text bounces.
    [GeneratedRegex(@"^[ \t]*(?:(?:[-=_*]{2,}[ \t]*)?(?:this is a copy of|below this line is a copy|original message follows|a copy of the original message|the header of the original message|headers? of (?:the )?(?:original|returned) message|your message reads|message text follows|unsent message below|content-type: message/rfc822|here is a copy|included is a copy|original message header)|[-=_*]{2,}[ \t]*(?:the |your |a )?(?:original message|returned message|undelivered message|forwarded message|message header|copy of (?:the )?message|text of your message|message))", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OriginalMarker();

    // A header block of the returned message embedded in plain text (after a blank line).
    [GeneratedRegex(@"\n\n(?=(?:Return-Path|Received|Message-Id|DKIM-Signature|X-[A-Za-z-]+|Delivered-To|Authentication-Results|MIME-Version):[^\n]*\n(?:[ \t][^\n]*\n)*(?:Received|From|To|Date|Subject|Message-Id|X-[A-Za-z-]+|Return-Path|Content-Type|MIME-Version|Delivered-To):)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EmbeddedHeaders();

    /// <summary>Cuts a returned message quoted in plain text off <paramref name="body"/> and reads its headers.</summary>
    internal static void Split(MessageView view, ref string body)
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
            view.OriginalHeaders = MessageLoader.LoadHeaders(body.AsSpan(headers.Index));
        }
        body = body[..cut];
    }

    [GeneratedRegex(@"^[ \t]*original message headers?:?[ \t]*$", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuotedHeadersMarker();

    // Exchange's report quotes the returned message's headers in its own text ("Original message
    // headers:") even when the message is attached too: cut them, or they read as the diagnostic.
    internal static void CutQuotedHeaders(ref string body)
    {
        var marker = QuotedHeadersMarker().Match(body, 0, Math.Min(body.Length, SmtpText.MaxScan));
        if (marker.Success && !body.AsSpan(0, marker.Index).IsWhiteSpace())
        {
            body = body[..marker.Index];
        }
    }

    [GeneratedRegex(@"^(?:Return-Path|Received|Message-Id|From|To|Date|Subject|DKIM-Signature|X-[A-Za-z-]+|MIME-Version|Content-Type|Delivered-To):", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeaderLine();
}
