using System.Diagnostics;
using Dashboard.Core.Dmarc;
using static Dashboard.Tests.Dmarc.DmarcFixtures;

namespace Dashboard.Tests.Dmarc;

/// <summary>Issue 15, DMARC reports: reading RFC 7489 aggregate reports in every container, and refusing what is not one.</summary>
public sealed class ReportReadingTests
{
    private static readonly DmarcOptions Limits = new();

    private static AggregateReport Read(byte[] attachment, DmarcOptions? limits = null) =>
        ReportAttachment.Read(new MemoryStream(attachment), limits ?? Limits);

    private static DmarcReportException Refused(byte[] attachment, DmarcOptions? limits = null) =>
        Assert.Throws<DmarcReportException>(() => Read(attachment, limits));

    [Fact]
    public void ReadsEveryFieldOfAnAggregateReport()
    {
        var report = Read(Bytes(Xml()));

        Assert.Equal("google.com", report.OrgName);
        Assert.Equal("noreply-dmarc-support@google.com", report.OrgEmail);
        Assert.Equal("5717107811868587391", report.ReportId);
        Assert.Equal(Begin, report.Begin);
        Assert.Equal(Begin.AddDays(1).AddSeconds(-1), report.End);
        Assert.Equal(new PublishedPolicy(Domain, AlignmentMode.Relaxed, AlignmentMode.Relaxed, "none", "none", 100), report.Policy);
        Assert.Equal(3, report.Rows.Count);
        var tool = report.Rows[2];
        Assert.Equal(ToolIp, tool.SourceIp);
        Assert.Equal(40, tool.Count);
        Assert.Equal("quarantine", tool.Disposition);
        Assert.Equal(Domain, tool.HeaderFrom);
        Assert.Equal("mail.crm-tool.example", tool.EnvelopeFrom);
        Assert.Equal(new DkimAuthResult("crm-tool.example", "pass", "crm"), Assert.Single(tool.Dkim));
        Assert.Equal(new SpfAuthResult("mail.crm-tool.example", "pass"), Assert.Single(tool.Spf));
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("zip")]
    [InlineData("xml")]
    public void EachContainerReadsTheSameReport(string container)
    {
        var xml = Bytes(Xml());
        var attachment = container switch
        {
            "gzip" => Gzip(xml),
            "zip" => Zip(("report.xml", xml)),
            _ => xml,
        };

        var report = Read(attachment);

        Assert.Equal([OurIp, ForwarderIp, ToolIp], report.Rows.Select(r => r.SourceIp));
        Assert.Equal(175, report.Rows.Sum(r => r.Count));
    }

    [Fact]
    public void AReportInTheDmarcNamespaceReadsTheSame()
    {
        var report = Read(Bytes(Xml(xmlns: "urn:ietf:params:xml:ns:dmarc-2.0")));

        Assert.Equal(3, report.Rows.Count);
        Assert.Equal(Domain, report.Policy.Domain);
    }

    [Fact]
    public void AlignmentFollowsThePublishedModes()
    {
        var relaxed = Read(Bytes(Xml()));
        var strict = Read(Bytes(Xml(adkim: "s", aspf: "s")));

        var ours = Alignment.Judge(relaxed.Rows[0], relaxed.Policy);
        var forwarded = Alignment.Judge(relaxed.Rows[1], relaxed.Policy);
        var tool = Alignment.Judge(relaxed.Rows[2], relaxed.Policy);
        var oursStrict = Alignment.Judge(strict.Rows[0], strict.Policy);

        Assert.True(ours.DkimAligned);
        Assert.True(ours.SpfAligned); // bounces.shop.example: same organisational domain
        Assert.True(ours.DmarcPass);
        Assert.False(forwarded.DkimAligned); // the list broke the signature
        Assert.False(forwarded.SpfAligned);
        Assert.False(forwarded.DmarcPass);
        Assert.Equal("pass", tool.Dkim!.Result); // a valid signature, but for its own domain
        Assert.False(tool.DmarcPass);
        Assert.True(oursStrict.DkimAligned);
        Assert.False(oursStrict.SpfAligned); // strict: bounces.shop.example is not shop.example
        Assert.True(oursStrict.DmarcPass);
    }

    [Theory]
    [InlineData("mail.shop.example", "shop.example")]
    [InlineData("shop.example", "shop.example")]
    [InlineData("news.shop.co.uk", "shop.co.uk")]
    [InlineData("a.b.shop.com.au", "shop.com.au")]
    [InlineData("SHOP.Example.", "shop.example")]
    public void OrganisationalDomainIsTheLastTwoLabelsOrThreeUnderACommonSecondLevelSuffix(string domain, string expected)
    {
        Assert.Equal(expected, Alignment.OrganizationalDomain(domain));
    }

    [Fact]
    public void TwoShopsUnderCoUkAreNotAligned()
    {
        Assert.False(Alignment.Aligned("shop.co.uk", "other.co.uk", AlignmentMode.Relaxed));
        Assert.True(Alignment.Aligned("shop.co.uk", "mail.shop.co.uk", AlignmentMode.Relaxed));
    }

    [Fact]
    public void ADocumentTypeDefinitionIsRefusedSoNoExternalEntityIsRead()
    {
        var secret = Path.GetTempFileName();
        File.WriteAllText(secret, "top-secret");
        var xxe = $"""
            <?xml version="1.0"?>
            <!DOCTYPE feedback [ <!ENTITY leak SYSTEM "file://{secret}"> ]>
            <feedback><report_metadata><org_name>&leak;</org_name></report_metadata></feedback>
            """;

        var refused = Refused(Bytes(xxe));

        Assert.Equal(DmarcProblem.NotXml, refused.Problem);
        Assert.DoesNotContain("top-secret", refused.Message);
        File.Delete(secret);
    }

    [Fact]
    public void TextThatIsNotXmlIsRefusedAsNotXml()
    {
        var refused = Refused(Bytes("Hello, this is not a report.\r\n"));

        Assert.Equal(DmarcProblem.NotXml, refused.Problem);
        Assert.StartsWith("Not a well-formed XML report", refused.Message);
    }

    [Theory]
    [InlineData("<html><body>Hi</body></html>", "the root element is <html>")]
    [InlineData("<feedback><policy_published><domain>shop.example</domain></policy_published></feedback>", "it has no <report_metadata>")]
    [InlineData("<feedback><report_metadata><org_name>x</org_name><report_id>1</report_id><date_range><begin>1</begin><end>2</end></date_range></report_metadata><policy_published><domain>shop.example</domain></policy_published><record><row><source_ip>not-an-ip</source_ip><count>1</count></row><identifiers><header_from>shop.example</header_from></identifiers></record></feedback>", "<source_ip> \"not-an-ip\" is not an IP address")]
    [InlineData("<feedback><report_metadata><org_name>x</org_name><date_range><begin>1</begin><end>2</end></date_range></report_metadata><policy_published><domain>shop.example</domain></policy_published></feedback>", "<report_metadata> has no <report_id>")]
    public void WellFormedXmlThatIsNotAReportSaysWhatIsMissing(string xml, string why)
    {
        var refused = Refused(Bytes(xml));

        Assert.Equal(DmarcProblem.NotAReport, refused.Problem);
        Assert.Contains(why, refused.Message);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("zip")]
    public void ABombIsRefusedByItsExpansionRatioBeforeItIsExpanded(string container)
    {
        const long size = 100L * 1024 * 1024;
        var bomb = container == "gzip" ? GzipBomb(size) : ZipBomb(size);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();

        var refused = Refused(bomb);

        Assert.Equal(DmarcProblem.TooLarge, refused.Problem);
        Assert.Contains($"100× its {bomb.Length:N0} compressed bytes", refused.Message);
        Assert.True(bomb.Length < 1024 * 1024, $"the bomb is {bomb.Length:N0} bytes compressed");
        // Read through a bounded stream: far less than the 100 MB it would expand to is ever allocated.
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 40L * 1024 * 1024,
            $"{GC.GetAllocatedBytesForCurrentThread() - allocated:N0} bytes allocated");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void AReportPastTheDecompressedLimitIsRefusedEvenAtAModestRatio()
    {
        var xml = Bytes(Xml(rows: Enumerable.Range(0, 400).Select(i => new Row($"10.0.{i / 250}.{i % 250}", 1, "none", Domain, "pass", Domain, "pass"))));
        var limits = new DmarcOptions { MaxDecompressedBytes = 64 * 1024 };

        var refused = Refused(Gzip(xml), limits);

        Assert.True(xml.Length > 64 * 1024);
        Assert.Equal(DmarcProblem.TooLarge, refused.Problem);
        Assert.Contains("65,536-byte limit", refused.Message);
    }

    [Fact]
    public void AZipWithMoreThanOneFileIsRefused()
    {
        var zip = Zip(("a.xml", Bytes(Xml())), ("b.xml", Bytes(Xml(reportId: "2"))));

        var refused = Refused(zip);

        Assert.Equal(DmarcProblem.BadContainer, refused.Problem);
        Assert.Contains("holds 2 files", refused.Message);
    }

    [Fact]
    public void ACorruptGzipIsRefusedAsABadContainer()
    {
        var gzip = Gzip(Bytes(Xml()));
        Array.Fill(gzip, (byte)0x5a, 20, 40);

        var refused = Refused(gzip);

        Assert.Equal(DmarcProblem.BadContainer, refused.Problem);
    }

    [Fact]
    public void AZipEntryPackedWithAMethodWeCannotReadIsRefusedAsABadContainer()
    {
        var zip = Zip(("report.xml", Bytes(Xml())));
        // Compression method 99 (AES encryption) in the local header and the central directory.
        zip[8] = 99;
        zip[9] = 0;
        var central = zip.AsSpan().IndexOf("PK\u0001\u0002"u8);
        zip[central + 10] = 99;
        zip[central + 11] = 0;

        var refused = Refused(zip);

        Assert.Equal(DmarcProblem.BadContainer, refused.Problem);
    }
}
