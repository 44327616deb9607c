namespace Dashboard.Core.Sending;

/// <summary>The request was refused before anything was stored; <see cref="Field"/> names the culprit.</summary>
public sealed class SendValidationException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
