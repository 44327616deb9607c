using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Dashboard.Core.Domains;

/// <summary>
/// Makes DKIM key pairs (RSA 2048) and keeps the private half encrypted at rest with ASP.NET Core
/// Data Protection: a copy of the database alone does not let anyone sign as our domains.
/// </summary>
public sealed class DkimKeys(IDataProtectionProvider dataProtection)
{
    /// <summary>The Data Protection purpose: a key protected for anything else cannot be read as a DKIM key.</summary>
    public const string Purpose = "Dashboard.Domains.DkimPrivateKey.v1";

    private readonly IDataProtector _protector = dataProtection.CreateProtector(Purpose);

    /// <summary>A new key pair: the private key (PKCS#8 PEM) protected, the public key (SubjectPublicKeyInfo) in base64.</summary>
    public (string ProtectedPrivateKey, string PublicKey) Create()
    {
        using var rsa = RSA.Create(2048);
        return (_protector.Protect(rsa.ExportPkcs8PrivateKeyPem()), Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo()));
    }

    /// <summary>The private key's PEM.</summary>
    /// <exception cref="CryptographicException">It was protected with a key ring this install no longer has.</exception>
    public string Unprotect(string protectedPrivateKey) => _protector.Unprotect(protectedPrivateKey);
}
