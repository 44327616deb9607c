namespace Dashboard.Core.Webhooks;

/// <summary>What an admin enters for an endpoint.</summary>
public sealed record WebhookEndpointRequest(string Url, IReadOnlyList<string> Events, string? Description = null);
