using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Cluster;

/// <summary>
/// Where ASP.NET Core Data Protection keeps its key ring (section <c>DataProtection</c>). The keys
/// encrypt the DKIM private keys in the database and sign the sign-in cookies, so every instance on
/// one database needs the same ring and the same application name.
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    /// <summary>
    /// An absolute folder for the key ring, shared by every instance (e.g. a mounted volume). Defaults
    /// to none: the framework's per-user folder (<c>~/.aspnet/DataProtection-Keys</c>).
    /// </summary>
    public string? KeyRingPath { get; set; }

    /// <summary>
    /// The name that isolates this application's keys; the same on every instance. Defaults to none:
    /// the framework's own, the app's content root path, which differs between installations in different folders.
    /// </summary>
    public string? ApplicationName { get; set; }

    /// <summary>Null when usable; otherwise what is wrong, for the start-up error.</summary>
    public string? Problem() => this switch
    {
        { KeyRingPath: { } path } when !Path.IsPathFullyQualified(path) =>
            "DataProtection:KeyRingPath must be an absolute folder, e.g. /srv/dashboard/keys, shared by every instance.",
        { ApplicationName: { } name } when string.IsNullOrWhiteSpace(name) =>
            "DataProtection:ApplicationName must not be blank: leave it unset, or give every instance the same name, e.g. Dashboard.",
        _ => null,
    };
}
