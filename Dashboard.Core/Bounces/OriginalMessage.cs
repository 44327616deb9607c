namespace Dashboard.Core.Bounces;

/// <summary>
/// What a report says about the message it is about, for matching it to what we sent.
/// </summary>
/// <param name="MessageId">The returned message's Message-ID, without angle brackets, when present.</param>
/// <param name="EnvelopeSender">The original envelope sender (MAIL FROM): the returned message's
/// Return-Path, else the bounce's own To (DSNs are sent to the original envelope sender).</param>
/// <param name="EnvelopeId">The DSN's Original-Envelope-Id field (RFC 3461 ENVID), when present.</param>
/// <param name="BounceTo">The To address of the report itself; for DSNs this is our return path, with its token.</param>
/// <param name="Headers">The returned message's headers (name, value) in order; empty when none came back.</param>
public sealed record OriginalMessage(
    string? MessageId,
    string? EnvelopeSender,
    string? EnvelopeId,
    string? BounceTo,
    IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>Nothing known about the original.</summary>
    public static OriginalMessage None { get; } = new(null, null, null, null, []);

    /// <summary>The first returned header of that name (case-insensitive), or null.</summary>
    public string? Header(string name)
    {
        foreach (var (key, value) in Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        return null;
    }
}
