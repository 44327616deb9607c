using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Sending;

/// <summary>
/// The return path (MAIL FROM) every message carries: <c>prefix+token@domain</c>, where the token
/// names the message and is signed, so bounces find their message and a forged one matches nothing.
/// Bound from the "ReturnPath" section.
/// </summary>
public sealed class ReturnPathOptions
{
    public const string Section = "ReturnPath";

    /// <summary>
    /// Send with a per-message signed return path, so bounces can be verified. Defaults to true (in
    /// code, not only in appsettings.json): a deployment started without its settings file then
    /// refuses to start without a <see cref="SigningKey"/> rather than sending unsigned mail.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Local part before the '+'. Defaults to "bounces".</summary>
    [Required, RegularExpression("^[a-z0-9][a-z0-9._-]{0,30}$", ErrorMessage = "ReturnPath:Prefix must be 1–31 lower-case letters, digits, '.', '_' or '-'.")]
    public string Prefix { get; set; } = "bounces";

    /// <summary>The bounce domain, whose mail reaches the inbound listener (its MX). Defaults to "bounces.localhost".</summary>
    [Required, RegularExpression(@"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$", ErrorMessage = "ReturnPath:Domain must be a lower-case domain name.")]
    public string Domain { get; set; } = "bounces.localhost";

    /// <summary>HMAC-SHA256 key for the token; at least 32 characters, kept secret.</summary>
    public string? SigningKey { get; set; }

    internal bool HasUsableKey => !Enabled || SigningKey is { Length: >= 32 };
}
