namespace Dashboard.Core.Bounces.Inbound;

/// <summary>
/// Reads inbound mail with <see cref="BounceParser"/>: RFC 3464 DSNs, ARF complaints, auto-replies and
/// the non-standard texts of real mail servers.
/// </summary>
public sealed class BounceParserReportReader : IInboundReportReader
{
    /// <inheritdoc />
    public IReadOnlyList<InboundReport> Read(byte[] raw) =>
        [.. BounceParser.Parse(raw).Select(r => new InboundReport(
            r.Kind switch
            {
                BounceKind.Delivered => InboundReportKind.Delivered,
                BounceKind.Complaint => InboundReportKind.Complaint,
                BounceKind.AutoReply => InboundReportKind.AutoReply,
                // A delay warning: the sending side is still trying, nothing is final yet.
                _ when string.Equals(r.Action, "delayed", StringComparison.OrdinalIgnoreCase) => InboundReportKind.Delayed,
                _ => InboundReportKind.Bounce,
            },
            r.Recipient, r.EnhancedStatus, r.ReplyCode, r.Diagnostic, r.RemoteMta, r.Reason, r.Hard, r.Rule, r.Advice,
            r.Original.MessageId, r.Original.BounceTo))];
}
