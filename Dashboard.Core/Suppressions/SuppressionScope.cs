namespace Dashboard.Core.Suppressions;

/// <summary>Whether a suppression names one address or a whole domain.</summary>
public enum SuppressionScope
{
    Address = 0,
    Domain = 1,
}
