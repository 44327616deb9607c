using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Integrations;

/// <summary>Defaults for new SMTP credentials and API keys. Bound from "Integrations".</summary>
public sealed class IntegrationOptions
{
    public const string Section = "Integrations";

    /// <summary>Messages per minute a new SMTP credential may submit. Defaults to 600.</summary>
    [Range(1, 1_000_000)]
    public int DefaultCredentialRatePerMinute { get; set; } = 600;

    /// <summary>Requests per minute a new API key may make. Defaults to 600.</summary>
    [Range(1, 1_000_000)]
    public int DefaultApiKeyRatePerMinute { get; set; } = 600;

    /// <summary>
    /// Development only: an SMTP credential (<c>user:password</c>) and an API key created at start
    /// with these fixed secrets, for the demo and the README's examples. Refused outside Development.
    /// </summary>
    public string? DevelopmentRelayCredential { get; set; }

    /// <summary>Development only: the fixed API key (see <see cref="DevelopmentRelayCredential"/>).</summary>
    public string? DevelopmentApiKey { get; set; }
}
