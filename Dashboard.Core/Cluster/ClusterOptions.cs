using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Cluster;

/// <summary>Several instances on one PostgreSQL database (section <c>Cluster</c>). Nothing to set on SQLite.</summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    /// <summary>
    /// Seconds between an instance's attempts to take a singleton job (the expiry sweep, alert checks,
    /// webhooks, domain checks, retention, the demo) that another instance runs, and between the running
    /// instance's checks that its database session, which holds the job's lock, still answers. Defaults to 15.
    /// </summary>
    [Range(1, 3600)]
    public int LeaderRetrySeconds { get; set; } = 15;
}
