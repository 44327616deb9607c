using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Bounces.Inbound;

/// <summary>The SMTP listener that receives bounces for the return-path domain. Bound from "Inbound".</summary>
public sealed class InboundOptions
{
    public const string Section = "Inbound";

    /// <summary>Runs the listener. Defaults to true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Address to listen on. Defaults to 127.0.0.1 (put a public MX in front for real bounces).</summary>
    [Required]
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>Port; 0 picks a free one at start. Defaults to 0: set a fixed port in a real deployment.</summary>
    [Range(0, 65535)]
    public int Port { get; set; }

    /// <summary>
    /// Largest inbound message accepted, in bytes, counted while the message is read: past it the
    /// listener answers 552 and closes the session without reading the rest. Defaults to 10 MB.
    /// </summary>
    [Range(1024, 100 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// How long a session may sit without sending a command (or the rest of its message) before it is
    /// closed, in seconds. Defaults to 60.
    /// </summary>
    [Range(1, 3600)]
    public int IdleTimeoutSeconds { get; set; } = 60;

    /// <summary>
    /// The longest a session may last, however busy, in minutes: bounds a client that trickles its
    /// message to hold a session open. Defaults to 10.
    /// </summary>
    [Range(1, 1440)]
    public int MaxSessionMinutes { get; set; } = 10;

    /// <summary>Sessions one client address may hold at once; more are answered 421 and closed. Defaults to 10.</summary>
    [Range(1, 1000)]
    public int MaxSessionsPerAddress { get; set; } = 10;
}
