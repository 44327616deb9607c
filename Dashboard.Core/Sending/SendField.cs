namespace Dashboard.Core.Sending;

/// <summary>The part of a <see cref="SendRequest"/> a validation error is about.</summary>
public enum SendField
{
    /// <summary>The sender's address.</summary>
    From,
    /// <summary>The recipients: one of them, or how many.</summary>
    To,
    Subject,
    /// <summary>The text and HTML bodies together, and the size of the whole message.</summary>
    Body,
}
