using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Webhooks;

/// <summary>Outgoing webhooks. Bound from the "Webhooks" section.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Lets endpoints point at loopback, private, link-local and other internal addresses. Defaults
    /// to false: an admin could otherwise make the dashboard call services on its own network.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>Hours a delivery is retried before it is given up. Defaults to 24.</summary>
    [Range(0.01, 168)]
    public double RetryForHours { get; set; } = 24;

    /// <summary>Seconds before the first retry; each retry waits twice as long, at most an hour. Defaults to 30.</summary>
    [Range(0.01, 3600)]
    public double FirstRetrySeconds { get; set; } = 30;

    /// <summary>Seconds an endpoint has to answer. Defaults to 10.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Seconds between looks at the outbox when nothing wakes the sender. Defaults to 5.</summary>
    [Range(0.05, 600)]
    public double PollSeconds { get; set; } = 5;
}
