namespace Dashboard.Core.Webhooks;

/// <summary>An endpoint could not be saved; the message says why, in words for the form.</summary>
public sealed class WebhookValidationException(string message) : Exception(message);
