namespace Dashboard.Core.Suppressions;

/// <summary>A suppression change was refused before anything was stored; <see cref="Field"/> names the input at fault.</summary>
public sealed class SuppressionValidationException(SuppressionField field, string message) : Exception(message)
{
    public SuppressionField Field { get; } = field;
}
