using System.Globalization;
using System.Net;
using System.Xml;
using System.Xml.Linq;

namespace Dashboard.Core.Dmarc;

/// <summary>
/// Reads an RFC 7489 aggregate report (appendix C) from a stream without trusting it: no DTD (so no
/// entity expansion), no external resolution (no XXE), one top-level section at a time. Elements are
/// matched by local name, so reports with or without the DMARC namespace read the same.
/// </summary>
public static class AggregateReportXml
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };

    /// <summary>Reads one report. The stream should be bounded by the caller (see <see cref="BoundedStream"/>).</summary>
    /// <exception cref="DmarcReportException">Not XML (<see cref="DmarcProblem.NotXml"/>) or not a report (<see cref="DmarcProblem.NotAReport"/>).</exception>
    public static AggregateReport Read(Stream stream)
    {
        try
        {
            using var reader = XmlReader.Create(stream, Settings);
            if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "feedback")
            {
                throw NotAReport($"the root element is <{reader.LocalName}>, not <feedback>");
            }
            XElement? metadata = null, policy = null;
            var rows = new List<AggregateRow>();
            if (!reader.IsEmptyElement)
            {
                reader.Read();
                while (reader.NodeType == XmlNodeType.Element)
                {
                    // One section at a time: a report with many records never sits in memory as one tree.
                    var section = (XElement)XNode.ReadFrom(reader);
                    switch (section.Name.LocalName)
                    {
                        case "report_metadata": metadata = section; break;
                        case "policy_published": policy = section; break;
                        case "record": rows.Add(Row(section)); break;
                    }
                }
            }
            if (metadata is null || policy is null)
            {
                throw NotAReport(metadata is null ? "it has no <report_metadata>" : "it has no <policy_published>");
            }
            var range = metadata.Child("date_range") ?? throw NotAReport("<report_metadata> has no <date_range>");
            return new AggregateReport(
                Required(metadata, "org_name"),
                Optional(metadata, "email"),
                Required(metadata, "report_id"),
                Time(range, "begin"),
                Time(range, "end"),
                Policy(policy),
                rows);
        }
        catch (XmlException ex)
        {
            throw new DmarcReportException(DmarcProblem.NotXml, $"Not a well-formed XML report: {ex.Message}", ex);
        }
    }

    private static PublishedPolicy Policy(XElement policy)
    {
        var pct = Optional(policy, "pct");
        return new PublishedPolicy(
            Required(policy, "domain").ToLowerInvariant().TrimEnd('.'),
            Mode(Optional(policy, "adkim")),
            Mode(Optional(policy, "aspf")),
            Optional(policy, "p")?.ToLowerInvariant() ?? "none",
            Optional(policy, "sp")?.ToLowerInvariant(),
            pct is null ? 100 : int.TryParse(pct, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p <= 100
                ? p : throw NotAReport($"<pct> is \"{pct}\", not 0-100"));
    }

    private static AggregateRow Row(XElement record)
    {
        var row = record.Child("row") ?? throw NotAReport("a <record> has no <row>");
        var ip = Required(row, "source_ip");
        if (!IPAddress.TryParse(ip, out var address))
        {
            throw NotAReport($"<source_ip> \"{ip}\" is not an IP address");
        }
        var countText = Required(row, "count");
        if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw NotAReport($"<count> \"{countText}\" is not a whole number");
        }
        var evaluated = row.Child("policy_evaluated");
        var identifiers = record.Child("identifiers") ?? throw NotAReport("a <record> has no <identifiers>");
        var auth = record.Child("auth_results");
        return new AggregateRow(
            address.ToString(),
            count,
            (evaluated is null ? null : Optional(evaluated, "disposition"))?.ToLowerInvariant() ?? "none",
            Required(identifiers, "header_from").ToLowerInvariant().TrimEnd('.'),
            Optional(identifiers, "envelope_from")?.ToLowerInvariant(),
            [.. auth?.Children("dkim").Select(d => new DkimAuthResult(
                (Optional(d, "domain") ?? "").ToLowerInvariant(), (Optional(d, "result") ?? "none").ToLowerInvariant(), Optional(d, "selector"))) ?? []],
            [.. auth?.Children("spf").Select(s => new SpfAuthResult(
                (Optional(s, "domain") ?? "").ToLowerInvariant(), (Optional(s, "result") ?? "none").ToLowerInvariant())) ?? []]);
    }

    private static AlignmentMode Mode(string? value) => value?.ToLowerInvariant() == "s" ? AlignmentMode.Strict : AlignmentMode.Relaxed;

    private static DateTimeOffset Time(XElement range, string name)
    {
        var text = Required(range, name);
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 253_402_300_799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : throw NotAReport($"<{name}> \"{text}\" is not a time in seconds since 1970");
    }

    private static string Required(XElement parent, string name) =>
        Optional(parent, name) ?? throw NotAReport($"<{parent.Name.LocalName}> has no <{name}>");

    private static string? Optional(XElement parent, string name) =>
        parent.Child(name)?.Value.Trim() is { Length: > 0 } value ? value : null;

    private static XElement? Child(this XElement parent, string name) => parent.Children(name).FirstOrDefault();

    private static IEnumerable<XElement> Children(this XElement parent, string name) => parent.Elements().Where(e => e.Name.LocalName == name);

    private static DmarcReportException NotAReport(string why) => new(DmarcProblem.NotAReport, $"Not a DMARC aggregate report: {why}.");
}
