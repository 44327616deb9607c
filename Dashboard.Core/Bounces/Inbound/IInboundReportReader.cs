namespace Dashboard.Core.Bounces.Inbound;

/// <summary>
/// Reads the reports in one raw inbound message. The seam between the listener and the bounce
/// parser, so the matching and the rules do not depend on how a format is read.
/// </summary>
public interface IInboundReportReader
{
    /// <summary>Zero reports: not a bounce, complaint or auto-reply. Never throws for bad input.</summary>
    IReadOnlyList<InboundReport> Read(byte[] raw);
}
