using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Sandbox;

/// <summary>The built-in sandbox of receiving servers. Bound from the "Sandbox" section.</summary>
public sealed class SandboxOptions
{
    public const string Section = "Sandbox";

    /// <summary>Runs the sandbox SMTP server on 127.0.0.1. Defaults to true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Port on 127.0.0.1; 0 picks a free one at start. Defaults to 0 (2525 is the relay's).</summary>
    [Range(0, 65535)]
    public int Port { get; set; }

    /// <summary>The name the sandbox greets with. Defaults to "mx.sandbox.test".</summary>
    [Required]
    public string ServerName { get; set; } = "mx.sandbox.test";

    /// <summary>Seconds before the forwarding, complaining and vacation mailboxes send their report. Defaults to 3.</summary>
    [Range(0, 3600)]
    public double AftermathDelaySeconds { get; set; } = 3;

    /// <summary>Share of messages to the complaining mailbox that draw a complaint (0–1). Defaults to 0.34.</summary>
    [Range(0.0, 1.0)]
    public double ComplaintRate { get; set; } = 0.34;
}
