using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Sending;

/// <summary>The SMTP relay used when <see cref="SendingOptions.Transport"/> is Smarthost.</summary>
public sealed class SmarthostOptions
{
    /// <summary>Host name of the relay. Required for the Smarthost transport.</summary>
    public string? Host { get; set; }

    /// <summary>TCP port. Defaults to 587.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>How the connection is secured. Defaults to StartTls.</summary>
    public SmtpTlsMode Tls { get; set; } = SmtpTlsMode.StartTls;

    /// <summary>User name for SMTP AUTH; none when empty.</summary>
    public string? UserName { get; set; }

    /// <summary>Password for SMTP AUTH.</summary>
    public string? Password { get; set; }
}
