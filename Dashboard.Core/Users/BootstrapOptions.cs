using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Users;

/// <summary>
/// The first admin, created on a start when no user exists yet. Bound from the "Bootstrap" section
/// (for example the environment variables <c>Bootstrap__AdminEmail</c> and <c>Bootstrap__AdminPassword</c>).
/// </summary>
public sealed class BootstrapOptions : IValidatableObject
{
    public const string Section = "Bootstrap";

    /// <summary>Email (and user name) of the first admin. Defaults to none.</summary>
    [EmailAddress]
    public string? AdminEmail { get; set; }

    /// <summary>Password of the first admin; it must meet the password policy. Defaults to none.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>True when both the email and the password are given.</summary>
    public bool HasAdmin => !string.IsNullOrWhiteSpace(AdminEmail) && !string.IsNullOrEmpty(AdminPassword);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Half a configuration is a typo, not a choice: refuse to start rather than ignore it.
        if (string.IsNullOrWhiteSpace(AdminEmail) != string.IsNullOrEmpty(AdminPassword))
        {
            yield return new ValidationResult(
                "Set both Bootstrap:AdminEmail and Bootstrap:AdminPassword, or neither.",
                [nameof(AdminEmail), nameof(AdminPassword)]);
        }
        if (!string.IsNullOrEmpty(AdminPassword) && AdminPassword.Length < PasswordPolicy.MinimumLength)
        {
            yield return new ValidationResult(
                $"Bootstrap:AdminPassword must be at least {PasswordPolicy.MinimumLength} characters.",
                [nameof(AdminPassword)]);
        }
    }
}
