using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Dmarc;

/// <summary>DMARC aggregate reports by mail. Bound from the "Dmarc" section.</summary>
public sealed class DmarcOptions
{
    public const string Section = "Dmarc";

    /// <summary>
    /// The address reports are mailed to (the <c>rua=mailto:</c> of the DMARC record); it must be at the
    /// bounce domain, whose mail reaches the inbound listener. Defaults to dmarc@ the bounce domain
    /// (<c>ReturnPath:Domain</c>) when empty.
    /// </summary>
    public string? Address { get; set; }

    /// <summary>Largest report attachment accepted, compressed, in bytes. Defaults to 5 MB.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public int MaxCompressedBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Largest report XML accepted once decompressed, in bytes. Defaults to 20 MB.</summary>
    [Range(1024, 1024 * 1024 * 1024)]
    public int MaxDecompressedBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>
    /// Largest expansion accepted (decompressed ÷ compressed). Judged once more than
    /// <see cref="RatioFloorBytes"/> have come out, since small XML files compress very well. Defaults to 100.
    /// </summary>
    [Range(2, 100_000)]
    public int MaxExpansionRatio { get; set; } = 100;

    /// <summary>The report address: <see cref="Address"/>, or dmarc@ <paramref name="bounceDomain"/> when empty. The one place it is worked out.</summary>
    public string ReportAddress(string bounceDomain) => string.IsNullOrWhiteSpace(Address) ? $"dmarc@{bounceDomain}" : Address.Trim();

    /// <summary>True when <see cref="Address"/> is empty or an address at <paramref name="bounceDomain"/>.</summary>
    public bool IsAtBounceDomain(string bounceDomain) => string.IsNullOrWhiteSpace(Address)
        || (Address.Trim().EndsWith("@" + bounceDomain, StringComparison.OrdinalIgnoreCase) && Address.Trim().IndexOf('@') > 0);

    /// <summary>Below this many decompressed bytes the expansion ratio is not judged. 1 MB.</summary>
    public const int RatioFloorBytes = 1024 * 1024;
}
