using System.IO.Compression;
using System.Text;
using Dashboard.Core.Data;
using Dashboard.Core.Domains;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Dashboard.Tests.Dmarc;

/// <summary>
/// Aggregate reports written after RFC 7489 appendix C (the <c>feedback</c> schema), the containers
/// receivers mail them in (Google: a zip; Yahoo and Microsoft: .xml.gz; some: plain XML), and
/// malformed ones.
/// </summary>
public static class DmarcFixtures
{
    public const string Domain = "shop.example";

    /// <summary>Our own sending server: DKIM-signed as shop.example, return path at bounces.shop.example.</summary>
    public const string OurIp = "192.0.2.10";

    /// <summary>A mailing list that forwards: breaks the DKIM signature, SPF passes for its own domain.</summary>
    public const string ForwarderIp = "198.51.100.7";

    /// <summary>A CRM tool sending as shop.example with its own domain's DKIM key and return path.</summary>
    public const string ToolIp = "203.0.113.9";

    public static readonly DateTimeOffset Begin = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>One record of the report.</summary>
    public sealed record Row(string Ip, int Count, string Disposition, string DkimDomain, string DkimResult, string SpfDomain, string SpfResult,
        string HeaderFrom = Domain, string? Selector = "dash1");

    /// <summary>Three sources: ours (120, aligned), a forwarder (15, failing), a tool (40, failing): 120 of 175 aligned.</summary>
    public static Row[] TypicalRows(string domain = Domain) =>
    [
        new(OurIp, 120, "none", domain, "pass", $"bounces.{domain}", "pass", domain),
        new(ForwarderIp, 15, "none", domain, "fail", "lists.forwarder.example", "pass", domain),
        new(ToolIp, 40, "quarantine", "crm-tool.example", "pass", "mail.crm-tool.example", "pass", domain, Selector: "crm"),
    ];

    public static string Xml(string org = "google.com", string reportId = "5717107811868587391", string domain = Domain,
        IEnumerable<Row>? rows = null, string adkim = "r", string aspf = "r", string? xmlns = null, DateTimeOffset? begin = null)
    {
        var from = begin ?? Begin;
        var xml = new StringBuilder();
        xml.Append($"""
            <?xml version="1.0" encoding="UTF-8" ?>
            <feedback{(xmlns is null ? "" : $" xmlns=\"{xmlns}\"")}>
              <version>1.0</version>
              <report_metadata>
                <org_name>{org}</org_name>
                <email>noreply-dmarc-support@{org}</email>
                <extra_contact_info>https://support.{org}/dmarc</extra_contact_info>
                <report_id>{reportId}</report_id>
                <date_range>
                  <begin>{from.ToUnixTimeSeconds()}</begin>
                  <end>{from.AddDays(1).AddSeconds(-1).ToUnixTimeSeconds()}</end>
                </date_range>
              </report_metadata>
              <policy_published>
                <domain>{domain}</domain>
                <adkim>{adkim}</adkim>
                <aspf>{aspf}</aspf>
                <p>none</p>
                <sp>none</sp>
                <pct>100</pct>
                <np>none</np>
              </policy_published>

            """);
        foreach (var row in rows ?? TypicalRows(domain))
        {
            xml.Append($"""
                  <record>
                    <row>
                      <source_ip>{row.Ip}</source_ip>
                      <count>{row.Count}</count>
                      <policy_evaluated>
                        <disposition>{row.Disposition}</disposition>
                        <dkim>{(row.DkimResult == "pass" && row.DkimDomain == row.HeaderFrom ? "pass" : "fail")}</dkim>
                        <spf>{(row.SpfResult == "pass" && row.SpfDomain.EndsWith(row.HeaderFrom) ? "pass" : "fail")}</spf>
                      </policy_evaluated>
                    </row>
                    <identifiers>
                      <header_from>{row.HeaderFrom}</header_from>
                      <envelope_from>{row.SpfDomain}</envelope_from>
                    </identifiers>
                    <auth_results>
                      <dkim>
                        <domain>{row.DkimDomain}</domain>
                        <result>{row.DkimResult}</result>
                        {(row.Selector is null ? "" : $"<selector>{row.Selector}</selector>")}
                      </dkim>
                      <spf>
                        <domain>{row.SpfDomain}</domain>
                        <scope>mfrom</scope>
                        <result>{row.SpfResult}</result>
                      </spf>
                    </auth_results>
                  </record>

                """);
        }
        xml.Append("</feedback>\n");
        return xml.ToString();
    }

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(content);
        }
        return output.ToArray();
    }

    public static byte[] Zip(params (string Name, byte[] Content)[] files)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create))
        {
            foreach (var (name, content) in files)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                entry.Write(content);
            }
        }
        return output.ToArray();
    }

    /// <summary>A report's start followed by <paramref name="size"/> bytes of spaces: compresses about 1000:1.</summary>
    public static void WriteBomb(Stream output, long size)
    {
        output.Write(Bytes("<?xml version=\"1.0\"?><feedback><report_metadata>"));
        var spaces = new byte[1 << 20];
        Array.Fill(spaces, (byte)' ');
        for (long written = 0; written < size; written += spaces.Length)
        {
            output.Write(spaces);
        }
        output.Write(Bytes("</report_metadata></feedback>"));
    }

    /// <summary>A gzip bomb: <paramref name="size"/> bytes that compress to a few tens of KB.</summary>
    public static byte[] GzipBomb(long size)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            WriteBomb(gzip, size);
        }
        return output.ToArray();
    }

    /// <summary>A zip bomb: one entry of <paramref name="size"/> bytes.</summary>
    public static byte[] ZipBomb(long size)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create))
        {
            using var entry = zip.CreateEntry("google.com!shop.example!1772323200!1772409599.xml", CompressionLevel.SmallestSize).Open();
            WriteBomb(entry, size);
        }
        return output.ToArray();
    }

    /// <summary>The mail a receiver sends: a short text and the report attached (none when <paramref name="attachment"/> is null).</summary>
    public static string Mail(string to, byte[]? attachment, string contentType, string fileName, string org = "google.com")
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse($"noreply-dmarc-support@{org}"));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = $"Report domain: {Domain} Submitter: {org} Report-ID: <{fileName}>";
        message.Date = new DateTimeOffset(2026, 3, 2, 4, 0, 0, TimeSpan.Zero);
        message.MessageId = $"{Guid.NewGuid():N}@{org}";
        var body = new Multipart("mixed") { new TextPart("plain") { Text = $"This is an aggregate report from {org}." } };
        if (attachment is not null)
        {
            body.Add(new MimePart(contentType)
            {
                Content = new MimeContent(new MemoryStream(attachment)),
                ContentTransferEncoding = ContentEncoding.Base64,
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                FileName = fileName,
            });
        }
        message.Body = body;
        return message.ToString();
    }

    /// <summary>Google's way: the XML zipped.</summary>
    public static string ZipMail(string to, string xml, string org = "google.com", string domain = Domain) =>
        Mail(to, Zip(($"{org}!{domain}!1772323200!1772409599.xml", Bytes(xml))), "application/zip", $"{org}!{domain}!1772323200!1772409599.zip", org);

    /// <summary>Yahoo's way: the XML gzipped.</summary>
    public static string GzipMail(string to, string xml, string org = "yahoo.com") =>
        Mail(to, Gzip(Bytes(xml)), "application/gzip", $"{org}!{Domain}!1772323200!1772409599.xml.gz", org);

    /// <summary>Plain XML attached.</summary>
    public static string XmlMail(string to, string xml, string org = "fastmail.com") =>
        Mail(to, Bytes(xml), "text/xml", $"{org}!{Domain}!1772323200!1772409599.xml", org);

    /// <summary>A sender domain row as the Domains page would add it (the key is not used here).</summary>
    public static async Task AddSenderDomainAsync(IDbContextFactory<DashboardDbContext> factory, string name)
    {
        await using var db = await factory.CreateDbContextAsync();
        db.SenderDomains.Add(new SenderDomain { Name = name, Selector = "dash1", PrivateKeyProtected = "-", PublicKey = "-" });
        await db.SaveChangesAsync();
    }
}
