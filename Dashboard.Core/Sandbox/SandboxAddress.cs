namespace Dashboard.Core.Sandbox;

/// <summary>One row of the sandbox's address table.</summary>
/// <param name="Example">An address to try from the Send page.</param>
/// <param name="Phase">When the answer comes.</param>
/// <param name="ReplyCode">The SMTP code the simulated server answers with (null: none, no server).</param>
/// <param name="Reply">The reply text, worded as the provider in <paramref name="Provider"/> words it; {rcpt} is the recipient.</param>
/// <param name="Provider">Whose wording the reply imitates.</param>
/// <param name="Shows">What the dashboard should make of it.</param>
/// <param name="Aftermath">What the mailbox sends back later, after accepting.</param>
public sealed record SandboxAddress(string Example, SandboxPhase Phase, int? ReplyCode, string Reply, string Provider, string Shows,
    SandboxAftermath Aftermath = SandboxAftermath.None)
{
    /// <summary>The local part (or "*" for a domain-wide row) that selects this row.</summary>
    public string LocalPart => Example[..Example.IndexOf('@')];

    /// <summary>The domain when the row is domain-wide, otherwise null (any domain).</summary>
    public string? Domain => LocalPart == "*" ? Example[(Example.IndexOf('@') + 1)..] : null;

    /// <summary>The reply text for <paramref name="recipient"/>.</summary>
    public string ReplyFor(string recipient) => Reply.Replace("{rcpt}", recipient, StringComparison.Ordinal);
}
