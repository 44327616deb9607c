using Dashboard.Core.Classification;
using System.Text.RegularExpressions;

namespace Dashboard.Core.Bounces;

/// <summary>Finds SMTP reply codes, enhanced status codes and addresses in free text.</summary>
internal static partial class SmtpText
{
    internal const int MaxScan = 64 * 1024;

    [GeneratedRegex(@"(?<![0-9A-Za-z.:/=#-])([245][0-9]{2})(?=[ \-]|$|\]|\)|,|;)(?![-]\d{2}[-:])", RegexOptions.CultureInvariant)]
    private static partial Regex ReplyCodePattern();

    [GeneratedRegex(@"(?<![0-9A-Za-z.])([245]\.[0-9]{1,3}\.[0-9]{1,3})(?![0-9]|\.[0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex StatusPattern();

    [GeneratedRegex(@"(?:""[^""\r\n@]{1,64}""|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]+)@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*", RegexOptions.CultureInvariant)]
    internal static partial Regex AddressPattern();

    [GeneratedRegex(@"in\s+reply\s+to\s+(?:the\s+)?(?<c>RCPT\s+TO|MAIL\s+FROM|end\s+of\s+DATA|DATA|HELO|EHLO|RCPT|MAIL)|(?:error|failure|failed)\s+(?:from\s+remote\s+(?:mail\s+)?server\s+)?after\s+(?:the\s+)?(?<c>RCPT\s+TO|MAIL\s+FROM|end\s+of\s+data|DATA|HELO|EHLO|RCPT|MAIL|initial\s+connection|pipelined)|\[(?<c>RCPT_TO|MAIL_FROM|DATA)\]|>>>\s*(?<c>RCPT|MAIL|DATA|HELO|EHLO)\b[^\n]*\n(?:[ \t]*<<<[^\n]*\n)*?[ \t]*<<<\s*[45]|SMTP:(?<c>RCPT|MAIL|DATA)\b|(?<c>does not like recipient)|(?<c>failed after I sent the message)|SMTP error after (?<c>RCPT|MAIL|DATA|end of data)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CommandPattern();

    private static readonly string[] CommandAnchors =
        ["reply", "after", ">>>", "_TO]", "_FROM]", "[DATA]", "does not like", "SMTP:"];

    /// <summary>The step of the session a rejection answered, or null when the text does not say.</summary>
    internal static SmtpPhase? FindCommand(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        // Cheap vectorised look for any anchor first; the regex only runs from the earliest one.
        var limit = Math.Min(text.Length, 16 * 1024);
        var window = text.AsSpan(0, limit);
        var start = int.MaxValue;
        foreach (var anchor in CommandAnchors)
        {
            var at = window.IndexOf(anchor, StringComparison.OrdinalIgnoreCase);
            if (at >= 0 && at < start)
            {
                start = at;
            }
        }
        if (start == int.MaxValue)
        {
            return null;
        }
        start = Math.Max(0, start - 40);
        var m = CommandPattern().Match(text, start, limit - start);
        if (!m.Success)
        {
            return null;
        }
        var c = string.Join(' ', m.Groups["c"].Value.ToUpperInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return c switch
        {
            "RCPT TO" or "RCPT" or "RCPT_TO" or "DOES NOT LIKE RECIPIENT" => SmtpPhase.Rcpt,
            "MAIL FROM" or "MAIL" or "MAIL_FROM" => SmtpPhase.Mail,
            "HELO" or "EHLO" => SmtpPhase.Greeting,
            "INITIAL CONNECTION" => SmtpPhase.Connect,
            "DATA" => SmtpPhase.Data,
            _ => SmtpPhase.EndOfData,
        };
    }

    /// <summary>RCPT when a session transcript shows this recipient refused at RCPT TO, else null.</summary>
    internal static SmtpPhase? FindRecipientRefusal(string text, string recipient)
    {
        var from = 0;
        while (from < text.Length)
        {
            var at = text.IndexOf(recipient, from, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return null;
            }
            var lineStart = text.LastIndexOf('\n', Math.Max(at - 1, 0)) + 1;
            var line = text.AsSpan(lineStart, at - lineStart);
            if (line.Contains(">>>", StringComparison.Ordinal) && line.Contains("RCPT", StringComparison.OrdinalIgnoreCase))
            {
                var next = text.IndexOf('\n', at);
                if (next > 0)
                {
                    var rest = text.AsSpan(next + 1, Math.Min(200, text.Length - next - 1)).TrimStart();
                    if (rest.StartsWith("<<<") && rest[3..].TrimStart() is [ '4' or '5', ..])
                    {
                        return SmtpPhase.Rcpt;
                    }
                }
            }
            from = at + recipient.Length;
        }
        return null;
    }

    /// <summary>The first plausible SMTP reply code in the text, or null.</summary>
    internal static int? FindReplyCode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        var span = text.Length > MaxScan ? text[..MaxScan] : text;
        int? success = null;
        foreach (Match m in ReplyCodePattern().Matches(span))
        {
            var code = (m.Value[0] - '0') * 100 + (m.Value[1] - '0') * 10 + (m.Value[2] - '0');
            // Reply codes have a second digit 0-5.
            if (m.Value[1] > '5')
            {
                continue;
            }
            if (code < 400)
            {
                // A greeting or an earlier "250 OK" in a transcript: keep looking for the refusal.
                success ??= code;
                continue;
            }
            return code;
        }
        return success;
    }

    /// <summary>The first enhanced status code (RFC 3463) in the text, or null.</summary>
    internal static string? FindStatus(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        var span = text.Length > MaxScan ? text[..MaxScan] : text;
        // Like servers write them: "(#5.1.1)" first, then a status right after a reply code, then any.
        string? success = null;
        foreach (var pattern in (ReadOnlySpan<Regex>)[HashStatusPattern(), CodeThenStatusPattern(), StatusPattern()])
        {
            for (var m = pattern.Match(span); m.Success; m = m.NextMatch())
            {
                var value = m.Groups[1].Value;
                if (value[0] != '2')
                {
                    return value;
                }
                // A "250 2.1.5 Ok" earlier in a transcript: keep looking for the failure.
                success ??= value;
            }
        }
        return success;
    }

    [GeneratedRegex(@"\(#([245]\.[0-9]{1,3}\.[0-9]{1,3})\)", RegexOptions.CultureInvariant)]
    private static partial Regex HashStatusPattern();

    [GeneratedRegex(@"\b[245][0-9]{2}[ \-]['#]?([245]\.[0-9]{1,3}\.[0-9]{1,3})(?![0-9]|\.[0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex CodeThenStatusPattern();

    /// <summary>A status code from a DSN Status field ("5.1.1", "5.1.1 (user unknown)", "550 5.1.1").</summary>
    internal static string? StatusFromField(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var m = StatusPattern().Match(value);
        return m.Success ? m.Groups[1].Value : null;
    }

    /// <summary>The first address in the text, or null.</summary>
    internal static string? FindAddress(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        var m = AddressPattern().Match(text.Length > 4096 ? text[..4096] : text);
        return m.Success ? m.Value.Trim('.') : null;
    }

    /// <summary>Collapses whitespace runs to single spaces and trims.</summary>
    internal static string Collapse(string text)
    {
        var sb = new System.Text.StringBuilder(Math.Min(text.Length, MaxScan));
        var space = true;
        foreach (var c in text.Length > MaxScan ? text.AsSpan(0, MaxScan) : text.AsSpan())
        {
            if (char.IsWhiteSpace(c) || c == '\0')
            {
                if (!space)
                {
                    sb.Append(' ');
                    space = true;
                }
                continue;
            }
            sb.Append(c);
            space = false;
        }
        if (sb.Length > 0 && sb[^1] == ' ')
        {
            sb.Length--;
        }
        return sb.ToString();
    }
}
