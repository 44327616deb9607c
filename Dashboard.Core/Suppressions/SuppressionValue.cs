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

    /// <summary>The domain part of an address.</summary>
    public static string DomainOf(string address)
    {
        var at = address.LastIndexOf('@');
        return at < 0 ? address : address[(at + 1)..];
    }
}
