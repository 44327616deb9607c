namespace Dashboard.Core.Dmarc;

/// <summary>Why a DMARC report mail was not stored.</summary>
public enum DmarcProblem
{
    /// <summary>The mail carries no XML, gzip or zip attachment.</summary>
    NoReport,
    /// <summary>The attachment, or what it expands to, passes a size or expansion-ratio limit.</summary>
    TooLarge,
    /// <summary>The zip does not hold exactly one XML file.</summary>
    BadContainer,
    /// <summary>The content is not well-formed XML (or uses a DTD).</summary>
    NotXml,
    /// <summary>Well-formed XML that is not an aggregate report, or misses a required field.</summary>
    NotAReport,
    /// <summary>The report is about a domain we do not manage.</summary>
    UnknownDomain,
}

/// <summary>A DMARC report mail that could not be read or stored, with the problem and the reason in words.</summary>
public sealed class DmarcReportException(DmarcProblem problem, string message, Exception? inner = null) : Exception(message, inner)
{
    public DmarcProblem Problem { get; } = problem;
}
