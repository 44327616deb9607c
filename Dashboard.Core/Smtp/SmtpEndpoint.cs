using Dashboard.Core.Sending;
namespace Dashboard.Core.Smtp;

/// <summary>
/// Where and how to connect: one connection pool per endpoint. With <paramref name="Address"/> the
/// connection goes to that address (already resolved, e.g. an MX host's), and <paramref name="Host"/>
/// names the server for TLS.
/// </summary>
internal sealed record SmtpEndpoint(string Host, int Port, SmtpTlsMode Tls, string? UserName = null, string? Password = null, System.Net.IPAddress? Address = null)
{
    public override string ToString() => $"{Host}:{Port}";
}
