using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dashboard.Benchmarks.Web;

/// <summary>A throw-away self-signed certificate for 127.0.0.1, written as a PFX the web app loads.</summary>
internal sealed class LoopbackCertificate : IDisposable
{
    private readonly X509Certificate2 certificate;

    private LoopbackCertificate(X509Certificate2 certificate, string pfxPath, string pfxPassword)
    {
        this.certificate = certificate;
        PfxPath = pfxPath;
        PfxPassword = pfxPassword;
    }

    public string PfxPath { get; }

    public string PfxPassword { get; }

    public string GetCertHashString() => certificate.GetCertHashString();

    public static LoopbackCertificate Create(string pfxPath)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        File.WriteAllBytes(pfxPath, certificate.Export(X509ContentType.Pfx, password));
        return new LoopbackCertificate(certificate, pfxPath, password);
    }

    public void Dispose() => certificate.Dispose();
}
