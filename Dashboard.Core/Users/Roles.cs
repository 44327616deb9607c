namespace Dashboard.Core.Users;

/// <summary>The two roles of the dashboard.</summary>
public static class Roles
{
    /// <summary>Everything: users, suppressions, settings.</summary>
    public const string Admin = "Admin";

    /// <summary>Browses and sends; cannot change suppressions or users.</summary>
    public const string Marketer = "Marketer";
}
