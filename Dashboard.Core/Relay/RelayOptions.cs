using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Dashboard.Core.Relay;

/// <summary>The authenticated SMTP relay (submission). Bound from "Relay" and validated at start.</summary>
public sealed class RelayOptions
{
    public const string Section = "Relay";

    /// <summary>Runs the relay. Defaults to true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Address to listen on. Defaults to 127.0.0.1 (only this machine can submit).</summary>
    [Required]
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>Port; 0 picks a free one at start. Defaults to 2525 (use 587 in production).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 2525;

    /// <summary>PFX file with the certificate offered by STARTTLS. Without one (outside Development) there is no STARTTLS.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Password of <see cref="CertificatePath"/>.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// Offers AUTH before STARTTLS on a listener that is not on loopback. Defaults to false: passwords
    /// then cross the network only encrypted.
    /// </summary>
    public bool AllowPlainAuthWithoutTls { get; set; }

    /// <summary>
    /// Offers AUTH before STARTTLS when the listener is on loopback (only this machine's programs can
    /// connect, and nothing crosses a network). Defaults to true.
    /// </summary>
    public bool AllowPlainAuthOnLoopback { get; set; } = true;

    /// <summary>Seconds a session may stay idle. Defaults to 120.</summary>
    [Range(5, 3600)]
    public int SessionTimeoutSeconds { get; set; } = 120;

    /// <summary>True when the listener only takes connections from this machine.</summary>
    internal bool IsLoopback => IPAddress.TryParse(Address, out var ip) && IPAddress.IsLoopback(ip);

    /// <summary>AUTH is offered without TLS (a loopback listener, or the setting).</summary>
    internal bool AuthWithoutTls => (IsLoopback && AllowPlainAuthOnLoopback) || AllowPlainAuthWithoutTls;
}
