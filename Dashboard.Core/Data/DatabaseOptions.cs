using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Data;

/// <summary>Where the SQLite database lives. Bound from the "Database" section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Path of the SQLite file, relative to the working directory. Defaults to "dashboard.db".</summary>
    [Required]
    public string Path { get; set; } = "dashboard.db";

    /// <summary>How long a writer waits for a lock before failing, in milliseconds. Defaults to 5000.</summary>
    [Range(0, 600_000)]
    public int BusyTimeoutMs { get; set; } = 5000;
}
