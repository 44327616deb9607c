namespace Dashboard.Core.Sandbox;

/// <summary>A message the sandbox accepted: envelope and raw MIME.</summary>
public sealed record SandboxDelivery(string EnvelopeFrom, IReadOnlyList<string> Recipients, byte[] Raw);
