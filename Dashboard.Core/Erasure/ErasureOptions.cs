using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Erasure;

/// <summary>
/// "Forget an address" (section <c>Erasure</c>). A forgotten address stays suppressed as a keyed hash,
/// so the key must be the same on every instance and must not change (else forgotten addresses could be
/// mailed again). Without <see cref="HashKey"/> the return path's signing key is used.
/// </summary>
public sealed class ErasureOptions
{
    public const string Section = "Erasure";

    /// <summary>A secret of 32+ characters for the keyed hash; null: <c>ReturnPath:SigningKey</c>.</summary>
    [MinLength(32)]
    public string? HashKey { get; set; }
}
