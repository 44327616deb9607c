namespace Dashboard.Core.Submissions;

/// <summary>
/// An API request was refused before anything was stored. <see cref="Field"/> is the JSON path at fault
/// (<c>to[2]</c>, <c>headers.X-Foo</c>, <c>attachments[0].content</c>), as the problem answer names it.
/// </summary>
public sealed class ApiValidationException(string field, string message) : Exception(message)
{
    /// <summary>The JSON path of the field at fault.</summary>
    public string Field { get; } = field;
}
