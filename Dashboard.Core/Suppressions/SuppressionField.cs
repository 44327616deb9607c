namespace Dashboard.Core.Suppressions;

/// <summary>The input a suppression change was refused for.</summary>
public enum SuppressionField
{
    /// <summary>The address or domain.</summary>
    Value,
    /// <summary>When the suppression ends.</summary>
    ExpiresAt,
    /// <summary>Why a suppression is removed (the history needs it).</summary>
    RemovalReason,
}
