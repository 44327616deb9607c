namespace Dashboard.Core.Sending;

/// <summary>
/// The request was refused before anything was stored. <see cref="Errors"/> lists every field at fault
/// (at most one message per field), so a form can mark them all at once.
/// </summary>
public sealed class SendValidationException : Exception
{
    public SendValidationException(IReadOnlyList<SendFieldError> errors)
        : base(string.Join(" ", errors.Select(e => e.Message)))
    {
        if (errors.Count == 0)
        {
            throw new ArgumentException("A validation failure needs at least one error.", nameof(errors));
        }
        Errors = errors;
    }

    public SendValidationException(SendField field, string message) : this([new SendFieldError(field, message)])
    {
    }

    /// <summary>Every field at fault, in the form's order.</summary>
    public IReadOnlyList<SendFieldError> Errors { get; }

    /// <summary>The first field at fault.</summary>
    public SendField Field => Errors[0].Field;
}
