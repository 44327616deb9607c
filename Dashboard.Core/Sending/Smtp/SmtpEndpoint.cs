namespace Dashboard.Core.Sending.Smtp;

/// <summary>Where and how to connect: one connection pool per endpoint.</summary>
internal sealed record SmtpEndpoint(string Host, int Port, SmtpTlsMode Tls, string? UserName = null, string? Password = null)
{
    public override string ToString() => $"{Host}:{Port}";
}
