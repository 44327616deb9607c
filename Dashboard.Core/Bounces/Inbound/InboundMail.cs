namespace Dashboard.Core.Bounces.Inbound;

/// <summary>A message the inbound listener received: envelope and raw bytes.</summary>
public sealed record InboundMail(string? EnvelopeFrom, IReadOnlyList<string> EnvelopeTo, byte[] Raw);
