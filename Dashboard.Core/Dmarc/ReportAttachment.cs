using System.IO.Compression;
using MimeKit;

namespace Dashboard.Core.Dmarc;

/// <summary>
/// Finds the aggregate report in a report mail — plain XML, gzip (.xml.gz) or zip (one XML file) — and
/// reads it through <see cref="BoundedStream"/>, so neither its size nor its expansion ratio can pass
/// the limits. The container is told by its first bytes, not by what the mail claims.
/// </summary>
public static class ReportAttachment
{
    private static readonly string[] ReportTypes =
        ["application/gzip", "application/x-gzip", "application/zip", "application/x-zip", "application/x-zip-compressed", "application/xml", "text/xml"];

    private static readonly string[] ReportExtensions = [".xml", ".gz", ".zip"];

    /// <summary>Reads the report in <paramref name="message"/>.</summary>
    /// <exception cref="DmarcReportException">No report, too large, a bad container, not XML, not a report.</exception>
    public static AggregateReport Read(MimeMessage message, DmarcOptions limits)
    {
        var part = message.BodyParts.OfType<MimePart>().FirstOrDefault(IsReport)
            ?? throw new DmarcReportException(DmarcProblem.NoReport, "No report attached: no XML, gzip or zip part.");
        using var compressed = new MemoryStream();
        using (var decoded = new BoundedStream(part.Content?.Open() ?? Stream.Null, limits.MaxCompressedBytes, $"the {limits.MaxCompressedBytes:N0}-byte limit for an attachment"))
        {
            decoded.CopyTo(compressed);
        }
        compressed.Position = 0;
        return Read(compressed, limits);
    }

    /// <summary>Reads a report from the attachment's decoded bytes (XML, gzip or zip).</summary>
    public static AggregateReport Read(MemoryStream attachment, DmarcOptions limits)
    {
        var size = attachment.Length;
        var ratioLimit = Math.Max(DmarcOptions.RatioFloorBytes, size * limits.MaxExpansionRatio);
        var limit = Math.Min(limits.MaxDecompressedBytes, ratioLimit);
        var what = limit == limits.MaxDecompressedBytes
            ? $"the {limits.MaxDecompressedBytes:N0}-byte limit"
            : $"{limits.MaxExpansionRatio}× its {size:N0} compressed bytes";
        Span<byte> magic = stackalloc byte[4];
        var read = attachment.Read(magic);
        attachment.Position = 0;
        if (read >= 2 && magic[0] == 0x1f && magic[1] == 0x8b)
        {
            using var gzip = new BoundedStream(new GZipStream(attachment, CompressionMode.Decompress, leaveOpen: true), limit, what);
            return ReadXml(gzip, "gzip");
        }
        if (read == 4 && magic[0] == (byte)'P' && magic[1] == (byte)'K' && magic[2] == 3 && magic[3] == 4)
        {
            return ReadZip(attachment, limit, what);
        }
        // Plain XML: already bounded by the attachment limit.
        return AggregateReportXml.Read(attachment);
    }

    private static AggregateReport ReadZip(MemoryStream attachment, long limit, string what)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(attachment, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException ex)
        {
            throw new DmarcReportException(DmarcProblem.BadContainer, $"The zip attachment cannot be read: {ex.Message}", ex);
        }
        using (archive)
        {
            var files = archive.Entries.Where(e => !e.FullName.EndsWith('/')).ToList();
            if (files.Count != 1)
            {
                throw new DmarcReportException(DmarcProblem.BadContainer,
                    $"The zip attachment holds {files.Count} files; a report zip holds exactly one XML file.");
            }
            // The sizes the zip declares may lie: only what comes out of the stream counts.
            using var entry = new BoundedStream(OpenEntry(files[0]), limit, what);
            return ReadXml(entry, "zip");
        }
    }

    private static Stream OpenEntry(ZipArchiveEntry entry)
    {
        try
        {
            return entry.Open();
        }
        catch (Exception ex) when (ex is InvalidDataException or NotSupportedException)
        {
            // Corrupt, encrypted, or packed with a method other than deflate.
            throw new DmarcReportException(DmarcProblem.BadContainer, $"The file in the zip cannot be read: {ex.Message}", ex);
        }
    }

    private static AggregateReport ReadXml(Stream stream, string container)
    {
        try
        {
            return AggregateReportXml.Read(stream);
        }
        catch (InvalidDataException ex)
        {
            throw new DmarcReportException(DmarcProblem.BadContainer, $"The {container} data is corrupt: {ex.Message}", ex);
        }
    }

    private static bool IsReport(MimePart part)
    {
        var type = part.ContentType.MimeType.ToLowerInvariant();
        var name = part.FileName?.ToLowerInvariant() ?? "";
        return ReportTypes.Contains(type) || ReportExtensions.Any(name.EndsWith);
    }
}
