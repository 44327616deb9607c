using System.ComponentModel.DataAnnotations;

namespace Dashboard.Security;

/// <summary>How sessions are re-checked. Bound from the "Security" section.</summary>
public sealed class SessionOptions
{
    public const string Section = "Security";

    /// <summary>
    /// How often a cookie and an open circuit are checked against the database (disabled user,
    /// changed role or password end the session). In seconds. Defaults to 60.
    /// </summary>
    [Range(1, 3600)]
    public int RevalidationSeconds { get; set; } = 60;
}
