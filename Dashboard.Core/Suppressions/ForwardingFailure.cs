namespace Dashboard.Core.Suppressions;

/// <summary>
/// A bounce after delivery: the recipient's server took the message, and a later hop (most likely a
/// forward) refused it. Not suppressed automatically; an admin reviews these and may suppress by hand.
/// </summary>
/// <param name="Recipient">The address we mailed.</param>
/// <param name="MessagePublicId">The message, for a link to its timeline.</param>
/// <param name="BouncedAt">When the later bounce arrived.</param>
/// <param name="Reason">The bounce's reason.</param>
/// <param name="Response">What the later hop said.</param>
/// <param name="Suppressed">True when the address is suppressed now (for any reason).</param>
public sealed record ForwardingFailure(string Recipient, string MessagePublicId, DateTimeOffset BouncedAt, string? Reason, string? Response, bool Suppressed);
