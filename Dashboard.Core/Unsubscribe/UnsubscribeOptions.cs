namespace Dashboard.Core.Unsubscribe;

/// <summary>
/// One-click unsubscribe (RFC 8058): the signed HTTPS link and the mailto that outgoing mail
/// carries in List-Unsubscribe. Bound from the "Unsubscribe" section.
/// </summary>
public sealed class UnsubscribeOptions
{
    public const string Section = "Unsubscribe";

    /// <summary>Put List-Unsubscribe on outgoing mail and answer the links. Defaults to false (needs a public URL and a key).</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// The dashboard's public address as recipients reach it, e.g. https://mail.example.com. Must be
    /// HTTPS (RFC 8058), except for localhost and 127.0.0.1 while testing. Defaults to none.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>HMAC-SHA256 key of the links, at least 32 characters, kept secret. Defaults to none.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Local part before the '+' of the mailto (at ReturnPath:Domain, the inbound listener's domain). Defaults to "unsubscribe".</summary>
    public string MailtoPrefix { get; set; } = "unsubscribe";

    /// <summary>Why the options are unusable, or null when they are fine.</summary>
    internal string? Problem()
    {
        if (!Enabled)
        {
            return null;
        }
        if (SigningKey is not { Length: >= 32 })
        {
            return "Unsubscribe:SigningKey must be a secret of at least 32 characters (e.g. `openssl rand -base64 48`) when Unsubscribe:Enabled is true.";
        }
        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) || uri.Query.Length > 0
            || !(uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        {
            return "Unsubscribe:PublicBaseUrl must be the dashboard's public https:// address (http only for localhost).";
        }
        if (!System.Text.RegularExpressions.Regex.IsMatch(MailtoPrefix, "^[a-z0-9][a-z0-9._-]{0,30}$"))
        {
            return "Unsubscribe:MailtoPrefix must be 1–31 lower-case letters, digits, '.', '_' or '-'.";
        }
        return null;
    }
}
