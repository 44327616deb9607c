using System.Text;
using System.Text.RegularExpressions;

namespace Dashboard.Core.Bounces;

/// <summary>
/// Reads the recipients and their diagnostics out of a bounce written in prose (Postfix, qmail,
/// Exim, Sendmail, Exchange, Gmail, Yahoo, …): the address lines each MTA uses, and the text after them.
/// </summary>
internal static partial class TextBounceScanner
{
    // A bounce's own prose is short; past this many lines it is quoted content, not the report.
    private const int MaxLines = 600;
    private const int MaxBlockLines = 16;
    private static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create("245");
    private const string LabelMark = "\u0001label";

    internal readonly record struct Found(string Address, string Diagnostic, bool Strong);

    // Linear on purpose: no nested optional groups, so hostile input cannot make it backtrack.
    private const string Addr = @"(?:""[^""\r\n@]{1,64}""|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]+)@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+";

    [GeneratedRegex(@"^\s*[""']?<(?:mailto:)?(?<a>" + Addr + @")>[""']?\s*:?(?<rest>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex BracketLine();

    [GeneratedRegex(@"^\s*(?:[-*•>]\s*)?[""']?(?:mailto:)?(?<a>" + Addr + @")[""']?\s*:?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex LoneAddress();

    [GeneratedRegex(@"^\s*(?:[-*#>]\s*)?(?<a>" + Addr + @")\s*(?::|\(|\s-\s|\s+on\s|\s+\[|\s+\.\.\.)(?<rest>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex AddressThenText();

    [GeneratedRegex(@"RCPT\s+TO\s*:\s*<?(?<a>" + Addr + @")>?", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RcptTo();

    [GeneratedRegex(@"<(?<a>" + Addr + @")>\s*\.\.\.(?<rest>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex SendmailStyle();

    [GeneratedRegex(@"^\s*(?:Final-Recipient|Original-Recipient|X-Actual-Recipient)\s*:\s*(?:rfc822\s*;)?\s*<?(?<a>" + Addr + @")", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DsnField();

    [GeneratedRegex(@"^\s*(?:To|Recipient|Recipients|Recipient address|Error-for|Original recipient|Address|E-?mail(?: address)?|Failed recipient|Failed address|Invalid recipient|Destinataire|Empf(?:ä|ae)nger|Adresse|Destinatario|Unknown user|User|宛先|受信者|送信先|アドレス)\s*[:：]\s*[""']?<?(?:mailto:)?(?<a>" + Addr + @")", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex LabelledAddress();

    // An X.400 originator/recipient address with its SMTP form: "c=US;a= ;p=Org;o=Mail;dda:SMTP=jane@example.org; on …".
    [GeneratedRegex(@"(?:^|[;:\s])SMTP=(?<a>" + Addr + @")\s*;?(?<rest>.*)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex X400Address();

    [GeneratedRegex(@"(?:\bto|recipient|address|for|user|mailbox)[:\s]+[""']?<(?<a>" + Addr + @")>", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex InSentence();

    [GeneratedRegex(@"^[^@<>]{3,80}[:：]\s*[""']?<?(?<a>" + Addr + @")>?[""']?\s*[.,]?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex AfterColon();

    [GeneratedRegex(@"^\s*[^<>@]{0,80}<(?<a>" + Addr + @")>\s*:(?<rest>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex NameThenBracket();

    [GeneratedRegex(@"(?:undeliverable|not (?:be )?delivered|could not deliver|unable to deliver|failed to deliver|delivery (?:has )?failed|delivery to)\s+(?:message\s+)?(?:to|for)\s*:?\s*<?(?<a>" + Addr + @")>?", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DeliveryTo();

    internal static List<Found> Scan(string text, Func<string, bool> excluded)
    {
        var lines = new Lines(text);
        var hits = new List<(int Line, string Address, string Text, bool Strong)>();
        var dropped = new List<(int Line, string Address, string Text, bool Strong)>();
        for (var i = 0; i < lines.Count; i++)
        {
            var span = lines.Span(i);
            if (span.Length == 0 || span.IndexOf('@') < 0)
            {
                continue;
            }
            var line = lines[i];
            Match m;
            if ((m = X400Address().Match(line)).Success)
            {
                // The date after the address is not the error: the lines below it are.
                Add(hits, dropped, i, m, "", true, excluded);
            }
            else if ((m = DsnField().Match(line)).Success)
            {
                Add(hits, dropped, i, m, "", true, excluded);
            }
            else if ((m = LabelledAddress().Match(line)).Success)
            {
                // "To: x" in a summary of the original message: a weaker anchor than an error line.
                Add(hits, dropped, i, m, LabelMark, true, excluded);
            }
            else if ((m = BracketLine().Match(line)).Success)
            {
                Add(hits, dropped, i, m, m.Groups["rest"].Value, true, excluded);
            }
            else if ((m = LoneAddress().Match(line)).Success)
            {
                Add(hits, dropped, i, m, "", true, excluded);
            }
            else if ((m = NameThenBracket().Match(line)).Success)
            {
                Add(hits, dropped, i, m, m.Groups["rest"].Value, true, excluded);
            }
            else if ((m = AddressThenText().Match(line)).Success)
            {
                Add(hits, dropped, i, m, m.Groups["rest"].Value, true, excluded);
            }
            else if ((m = RcptTo().Match(line)).Success)
            {
                Add(hits, dropped, i, m, "", true, excluded);
            }
            else if ((m = SendmailStyle().Match(line)).Success)
            {
                Add(hits, dropped, i, m, m.Groups["rest"].Value, true, excluded);
            }
            else if ((m = AfterColon().Match(line)).Success && line[..line.IndexOfAny([':', '：'])].Trim().Contains(' '))
            {
                // "Delivery failed 20 attempts: x@y" is prose; "Message-Id: <x@y>" is a header.
                // The prose before the address is the error itself.
                Add(hits, dropped, i, m, line[..line.IndexOfAny([':', '：'])].Trim(), true, excluded);
            }
            else if ((m = DeliveryTo().Match(line)).Success)
            {
                Add(hits, dropped, i, m, "", true, excluded);
            }
            else if ((m = InSentence().Match(line)).Success)
            {
                Add(hits, dropped, i, m, "", false, excluded);
            }
        }

        if (!hits.Exists(h => h.Strong) && dropped.Count > 0)
        {
            // Only the sender-like addresses were named: the bounce is about one of them after all.
            hits = dropped;
        }
        var result = new List<Found>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var anyStrong = hits.Exists(h => h.Strong);
        for (var h = 0; h < hits.Count; h++)
        {
            var hit = hits[h];
            if (anyStrong && !hit.Strong)
            {
                continue;
            }
            if (!seen.Add(hit.Address))
            {
                continue;
            }
            if (hit.Text == LabelMark)
            {
                // Prefer a later, unlabelled line about the same address: that is where the error is.
                var better = hits.FindIndex(h + 1, x => x.Strong && x.Text != LabelMark && string.Equals(x.Address, hit.Address, StringComparison.OrdinalIgnoreCase));
                if (better >= 0)
                {
                    h = better;
                    hit = hits[better];
                }
            }
            var nextLine = lines.Count;
            for (var k = h + 1; k < hits.Count; k++)
            {
                if (!string.Equals(hits[k].Address, hit.Address, StringComparison.OrdinalIgnoreCase) && hits[k].Line > hit.Line)
                {
                    nextLine = hits[k].Line;
                    break;
                }
            }
            var block = Block(lines, hit.Line, nextLine, hit.Text == LabelMark ? "" : hit.Text);
            if (hit.Text == LabelMark && SmtpText.FindReplyCode(block) is null)
            {
                // "To: x" in a summary of the original: the error sits in the lines before the summary.
                block = (Preceding(lines, hit.Line) + " " + block).Trim();
            }
            result.Add(new Found(hit.Address, block, hit.Strong));
        }
        return result;
    }

    /// <summary>The lines that carry an SMTP code or status, for bounces that name no recipient block.</summary>
    internal static string CodeLines(string text)
    {
        var sb = new StringBuilder();
        var lines = new Lines(text);
        for (var i = 0; i < lines.Count; i++)
        {
            var span = lines.Span(i);
            if (span.Length < 3 || !span.ContainsAny(Digits))
            {
                continue;
            }
            var line = lines[i];
            if (SmtpText.FindStatus(line) is not null || SmtpText.FindReplyCode(line) is not null)
            {
                sb.Append(line.Trim()).Append(' ');
                if (sb.Length > 2000)
                {
                    break;
                }
            }
        }
        return sb.ToString().Trim();
    }

    private static void Add(List<(int, string, string, bool)> hits, List<(int, string, string, bool)> dropped, int line, Match m, string rest, bool strong, Func<string, bool> excluded)
    {
        var address = m.Groups["a"].Value.Trim('.');
        if (excluded(address))
        {
            if (strong)
            {
                dropped.Add((line, address, rest, strong));
            }
            return;
        }
        hits.Add((line, address, rest, strong));
    }

    private static string Block(Lines lines, int start, int end, string rest)
    {
        var sb = new StringBuilder();
        sb.Append(rest.Trim());
        var content = sb.Length > 0 ? 1 : 0;
        var hasCode = SmtpText.FindReplyCode(rest) is not null || SmtpText.FindStatus(rest) is not null;
        var blanks = 0;
        for (var i = start + 1; i < end && i < start + 1 + MaxBlockLines * 2; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0)
            {
                if (content > 0 && (hasCode || content >= 3))
                {
                    break;
                }
                if (++blanks > 3)
                {
                    break;
                }
                continue;
            }
            if (IsBoilerplate(line))
            {
                if (content > 0)
                {
                    break;
                }
                continue;
            }
            if (content > 0 && StatusLine().IsMatch(line))
            {
                // Sendmail's next per-recipient status line ("550 host (smtp)... 550 Host unknown") is not ours.
                break;
            }
            sb.Append(' ').Append(line.Trim());
            content++;
            hasCode |= SmtpText.FindReplyCode(line) is not null || SmtpText.FindStatus(line) is not null;
            if (content >= MaxBlockLines)
            {
                break;
            }
        }
        return sb.ToString().Trim();
    }

    [GeneratedRegex(@"^(?:From|To|Cc|Subject|Date|Sent|Message-Id)\s*:", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex HeaderLike();

    private static string Preceding(Lines lines, int line)
    {
        var taken = new List<string>();
        for (var i = line - 1; i >= 0 && taken.Count < 8; i--)
        {
            var text = lines[i].Trim();
            if (text.Length == 0 || IsBoilerplate(text) || text.EndsWith(':') || HeaderLike().IsMatch(text))
            {
                if (taken.Count > 0 && text.Length == 0)
                {
                    break;
                }
                continue;
            }
            taken.Insert(0, text);
        }
        return string.Join(' ', taken);
    }

    [GeneratedRegex(@"^\s*[245][0-9]{2} (?:<[^>]*>|\S+ \(\w+\))\.\.\.", RegexOptions.CultureInvariant)]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"^\s*(?:-{3,}|={3,}|_{3,}|\*{3,})", RegexOptions.CultureInvariant)]
    private static partial Regex Separator();

    private static bool IsBoilerplate(string line) => Separator().IsMatch(line);

    /// <summary>
    /// The text's lines (at most <see cref="MaxLines"/> of the first <see cref="SmtpText.MaxScan"/>
    /// characters), without line ends and with a forwarded bounce's "> " quoting removed. Only where
    /// each line lies is computed up front; a line becomes a string when it is asked for, since most
    /// lines of a bounce hold no address and are never read as text.
    /// </summary>
    private sealed class Lines
    {
        private readonly string text;
        private readonly List<(int Start, int Length)> ranges = [];
        private readonly List<string?> strings = [];

        public Lines(string text)
        {
            this.text = text;
            var span = text.Length > SmtpText.MaxScan ? text.AsSpan(0, SmtpText.MaxScan) : text.AsSpan();
            foreach (var range in span.Split('\n'))
            {
                var (start, length) = range.GetOffsetAndLength(span.Length);
                var line = span.Slice(start, length).TrimEnd('\r');
                var cut = 0;
                // A forwarded bounce quotes every line with "> ".
                while (line.Length > 0 && line[0] == '>' && (line.Length == 1 || line[1] == ' ' || line[1] == '>'))
                {
                    var rest = line[1..].TrimStart(' ');
                    cut += line.Length - rest.Length;
                    line = rest;
                }
                ranges.Add((start + cut, line.Length));
                strings.Add(null);
                if (ranges.Count >= MaxLines)
                {
                    break;
                }
            }
        }

        public int Count => ranges.Count;

        public ReadOnlySpan<char> Span(int index) => text.AsSpan(ranges[index].Start, ranges[index].Length);

        public string this[int index] => strings[index] ??= text.Substring(ranges[index].Start, ranges[index].Length);
    }
}
