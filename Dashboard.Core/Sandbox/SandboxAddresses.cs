namespace Dashboard.Core.Sandbox;

/// <summary>
/// The sandbox's small internet, as one table: the README, the tests and the demo read it from here.
/// The local part decides (a "+tag" is ignored, so unblock-free variants like unknown+7@… behave the
/// same); any domain works except the domain-wide rows. Every other address is accepted.
/// </summary>
public static class SandboxAddresses
{
    /// <summary>The domain used in the examples; any domain behaves the same.</summary>
    public const string Domain = "sandbox.test";

    /// <summary>What any address not in the table gets.</summary>
    public static SandboxAddress Accepted { get; } = new(
        "anyone@sandbox.test", SandboxPhase.Accept, 250, "2.0.0 OK: queued as {id}", "Postfix", "delivered");

    /// <summary>Every scripted address, in README order.</summary>
    public static IReadOnlyList<SandboxAddress> All { get; } =
    [
        Accepted,
        new("unknown@sandbox.test", SandboxPhase.Recipient, 550,
            "5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. For more information, go to https://support.google.com/mail/?p=NoSuchUser",
            "Gmail", "hard bounce, userunknown"),
        new("nouser@sandbox.test", SandboxPhase.Recipient, 554,
            "delivery error: dd This user doesn't have a yahoo.com account ({rcpt}) [0] - mta7.mail.sandbox.test",
            "Yahoo", "hard bounce, userunknown"),
        new("nobody@sandbox.test", SandboxPhase.Recipient, 550,
            "5.1.1 <{rcpt}>: Recipient address rejected: User unknown in virtual mailbox table",
            "Postfix", "hard bounce, userunknown"),
        new("unavailable@sandbox.test", SandboxPhase.Recipient, 550,
            "5.5.0 Requested action not taken: mailbox unavailable (S2017062302). [AM0PR01MB1234.eurprd01.prod.sandbox.test]",
            "Outlook", "hard bounce, userunknown"),
        new("disabled@sandbox.test", SandboxPhase.Recipient, 550,
            "5.2.1 The email account that you tried to reach is disabled. Learn more at https://support.google.com/mail/?p=DisabledUser",
            "Gmail", "soft bounce, suspend"),
        new("full@sandbox.test", SandboxPhase.Recipient, 452,
            "4.2.2 The email account that you tried to reach is over quota. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaTemp",
            "Gmail", "soft bounce, mailboxfull (4xx)"),
        new("overquota@sandbox.test", SandboxPhase.Recipient, 552,
            "5.2.2 The email account that you tried to reach is over quota. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaPerm",
            "Gmail", "soft bounce, mailboxfull (5xx)"),
        new("storage@sandbox.test", SandboxPhase.Recipient, 452,
            "4.3.1 Insufficient system storage",
            "Exchange", "soft bounce, systemfull"),
        new("throttled@sandbox.test", SandboxPhase.Recipient, 421,
            "4.7.0 Try again later, closing connection.",
            "Gmail", "soft bounce, toomanyconn (throttling)"),
        new("deferred@sandbox.test", SandboxPhase.Recipient, 421,
            "4.7.0 [TSS04] Messages from 127.0.0.1 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes",
            "Yahoo", "soft bounce, blocked (deferred for volume or complaints: your reputation)"),
        new("busy@sandbox.test", SandboxPhase.Recipient, 451,
            "4.7.500 Server busy. Please try again later from [127.0.0.1]. (S77714) [DB5EUR01FT012.eop-EUR01.prod.sandbox.test]",
            "Outlook", "soft bounce, toomanyconn (throttling)"),
        new("greylisted@sandbox.test", SandboxPhase.Recipient, 450,
            "4.2.0 <{rcpt}>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/sandbox.test.html",
            "Postfix + postgrey", "soft bounce, toomanyconn (greylisting: retried later by real senders)"),
        new("blocked@sandbox.test", SandboxPhase.Recipient, 554,
            "5.7.1 Service unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/127.0.0.1",
            "Postfix + Spamhaus", "soft bounce, blocked (your IP is on a blocklist)"),
        new("toobig@sandbox.test", SandboxPhase.Data, 552,
            "5.3.4 Message size exceeds fixed limit",
            "Postfix", "soft bounce, mesgtoobig (after DATA)"),
        new("spam@sandbox.test", SandboxPhase.Data, 550,
            "5.7.1 Message rejected as spam by Content Filtering. Our system has detected that this message is likely unsolicited mail.",
            "Gmail-like content filter", "soft bounce, spamdetected (after DATA)"),
        new("forward@sandbox.test", SandboxPhase.Accept, 250, "2.0.0 OK: queued as {id}",
            "Postfix forwarding", "delivered, then seconds later a hard bounce from the second hop: bounced after delivery",
            SandboxAftermath.ForwardBounce),
        new("complain@sandbox.test", SandboxPhase.Accept, 250, "2.0.0 OK: queued as {id}",
            "a feedback loop (ARF)", "delivered; for about a third of messages a spam complaint follows: complained, suppressed until removed",
            SandboxAftermath.Complaint),
        new("vacation@sandbox.test", SandboxPhase.Accept, 250, "2.0.0 OK: queued as {id}",
            "an out-of-office reply", "delivered, then an auto-reply: an informational timeline event only",
            SandboxAftermath.AutoReply),
        new("*@nxdomain.test", SandboxPhase.DnsFailure, null,
            "Host not found: nxdomain.test has no MX or A record (DNS answered NXDOMAIN)",
            "DNS", "hard bounce, hostunknown (no server contacted)"),
        new("*@down.test", SandboxPhase.HostDown, null,
            "Connection refused",
            "a server that is down", "soft bounce, networkerror (connection refused)"),
    ];

    /// <summary>The table as Markdown, for the README's "Sandbox addresses" section (a test keeps them equal).</summary>
    public static string ToMarkdown()
    {
        var lines = new List<string>
        {
            "| address | when | server says | the dashboard shows |",
            "| --- | --- | --- | --- |",
        };
        foreach (var row in All)
        {
            var when = row.Phase switch
            {
                SandboxPhase.Accept => "after DATA",
                SandboxPhase.Recipient => "at RCPT TO",
                SandboxPhase.Data => "after DATA",
                SandboxPhase.DnsFailure => "DNS lookup",
                _ => "connect",
            };
            var says = row.ReplyCode is { } code ? $"`{code} {row.Reply}`" : $"`{row.Reply}` (no server answers)";
            var shows = row.ClassifierToday is { } today ? $"{row.Shows} — today the classifier says {today} (a known gap)" : row.Shows;
            lines.Add($"| `{row.Example}` | {when} | {says} ({row.Provider}) | {shows} |");
        }
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>The row for <paramref name="address"/>: a scripted one, or <see cref="Accepted"/>.</summary>
    public static SandboxAddress For(string address)
    {
        var at = address.LastIndexOf('@');
        if (at <= 0)
        {
            return Accepted;
        }
        var local = address[..at].ToLowerInvariant();
        var domain = address[(at + 1)..].ToLowerInvariant();
        var plus = local.IndexOf('+');
        if (plus > 0)
        {
            local = local[..plus];
        }
        foreach (var row in All)
        {
            if (row.Domain is { } d ? d == domain : row.LocalPart == local && row != Accepted)
            {
                return row;
            }
        }
        return Accepted;
    }
}
