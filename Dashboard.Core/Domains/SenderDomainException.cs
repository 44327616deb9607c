namespace Dashboard.Core.Domains;

/// <summary>A sender domain cannot be added as asked (not a domain name, already there); the message says why.</summary>
public sealed class SenderDomainException(string message) : Exception(message);
