using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dashboard.Core.Relay;

/// <summary>The certificate STARTTLS offers: the configured PFX, or in Development one made at start.</summary>
internal static class RelayCertificate
{
    public static X509Certificate2? Load(RelayOptions options, bool isDevelopment)
    {
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword);
        }
        return isDevelopment ? SelfSigned("localhost") : null;
    }

    /// <summary>A self-signed certificate for <paramref name="name"/>, valid for a year (clients must not verify it).</summary>
    public static X509Certificate2 SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(name);
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));
        // SslStream on Linux wants a certificate whose key came from a PKCS#12 export.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
