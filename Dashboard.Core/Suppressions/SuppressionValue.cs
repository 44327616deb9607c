namespace Dashboard.Core.Suppressions;

/// <summary>Normalises what a suppression names: a lower-case address, or a domain.</summary>
public static class SuppressionValue
{
    /// <summary>Lower-case, trimmed; "@domain" becomes "domain". The scope follows from the '@'.</summary>
    public static (string Value, SuppressionScope Scope) Normalize(string value)
    {
        var v = value.Trim().ToLowerInvariant();
        if (v.StartsWith('@'))
        {
            v = v[1..];
        }
        return (v, v.Contains('@') ? SuppressionScope.Address : SuppressionScope.Domain);
    }

    /// <summary>
    /// True when <paramref name="value"/> (as <see cref="Normalize"/> returns it) names an email
    /// address or a domain: no spaces or line breaks, an address MimeKit can read, a domain with a dot.
    /// </summary>
    public static bool IsValid(string value, SuppressionScope scope) =>
        value.Length is > 0 and <= 320 && !value.Contains(' ') && !value.Contains('\r') && !value.Contains('\n') && !value.Contains(',')
        && (scope == SuppressionScope.Address ? MimeKit.MailboxAddress.TryParse(value, out _) : value.Contains('.') && !value.StartsWith('.'));

    /// <summary>The domain part of an address.</summary>
    public static string DomainOf(string address)
    {
        var at = address.LastIndexOf('@');
        return at < 0 ? address : address[(at + 1)..];
    }
}
