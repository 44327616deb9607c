using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Sending;

/// <summary>The sending pipeline's settings. Bound from the "Sending" section and validated at start.</summary>
public sealed class SendingOptions
{
    public const string Section = "Sending";

    /// <summary>Sandbox (default), Smarthost or DirectMx.</summary>
    public TransportKind Transport { get; set; } = TransportKind.Sandbox;

    /// <summary>The relay, for the Smarthost transport.</summary>
    public SmarthostOptions Smarthost { get; set; } = new();

    /// <summary>DNS and port, for the DirectMx transport.</summary>
    public DirectMxOptions DirectMx { get; set; } = new();

    /// <summary>Name sent in EHLO. Defaults to "localhost".</summary>
    [Required]
    public string HeloName { get; set; } = "localhost";

    /// <summary>How long a hard bounce keeps an address suppressed, in days. Defaults to 7.</summary>
    [Range(1, 3650)]
    public int HardBounceSuppressionDays { get; set; } = 7;

    /// <summary>Consecutive soft bounces to one address that count as a hard bounce. Defaults to 10.</summary>
    [Range(1, 1000)]
    public int SoftBounceStreakLimit { get; set; } = 10;

    /// <summary>Largest MIME message accepted for sending, in bytes. Defaults to 10 MB.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Most recipients in one submission. Defaults to 100.</summary>
    [Range(1, 10_000)]
    public int MaxRecipients { get; set; } = 100;

    /// <summary>SMTP transactions in flight at once (and pooled connections). Defaults to 4.</summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 4;

    /// <summary>Connect and command timeout, in seconds. Defaults to 30.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// How long an instance's claims outlive it, in seconds. Each instance renews its lease every third
    /// of this and looks as often for the claims of instances that stopped (on another machine: whose
    /// lease lapsed): their mid-send messages become Interrupted, their queued ones are sent.
    /// Defaults to 60.
    /// </summary>
    [Range(3, 3600)]
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>
    /// Refuse mail whose From domain is not a verified sender domain (added, and its last DNS check
    /// passed). Defaults to false: such mail goes out with a warning.
    /// </summary>
    public bool RequireVerifiedDomain { get; set; }

    /// <summary>True when the Smarthost transport has what it needs.</summary>
    internal bool HasUsableTransport =>
        Transport != TransportKind.Smarthost || !string.IsNullOrWhiteSpace(Smarthost.Host);
}
