namespace Dashboard.Core.Sending;

/// <summary>One refusal of a <see cref="SendRequest"/>: the field at fault and what is wrong with it, in words.</summary>
public sealed record SendFieldError(SendField Field, string Message);
