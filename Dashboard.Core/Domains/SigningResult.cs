namespace Dashboard.Core.Domains;

/// <summary>What signing a message found: where its From domain stands, and our signature when it has a key.</summary>
public sealed record SigningResult(SenderStatus Sender, DkimSignature? Signature);
