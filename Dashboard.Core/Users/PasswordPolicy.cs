using System.Security.Cryptography;

namespace Dashboard.Core.Users;

/// <summary>
/// Password and lockout rules. Length over composition rules (NIST SP 800-63B): a long passphrase
/// beats "Passw0rd!".
/// </summary>
public static class PasswordPolicy
{
    /// <summary>Shortest accepted password.</summary>
    public const int MinimumLength = 12;

    /// <summary>Wrong passwords in a row before the account locks.</summary>
    public const int MaxFailedAttempts = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    // No 0/O, 1/l/I: the admin may read it out or type it in.
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>A random password for an admin to hand over, e.g. "h7Kp-3mWq-Zr8t-Nc4x" (about 94 bits).</summary>
    public static string Generate()
    {
        var groups = Enumerable.Range(0, 4).Select(_ => RandomNumberGenerator.GetString(Alphabet, 4));
        return string.Join('-', groups);
    }
}
