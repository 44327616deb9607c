namespace Dashboard.Core.Integrations;

/// <summary>
/// The first answer to an API request made with an <c>Idempotency-Key</c>, stored in the same
/// transaction as the messages it created, so a retry gets the same answer and sends nothing twice.
/// </summary>
public sealed class IdempotencyRecord
{
    public long Id { get; set; }

    public long ApiKeyId { get; set; }

    public required string Key { get; set; }

    /// <summary>SHA-256 of the request body: the same key with another body is refused.</summary>
    public required byte[] RequestHash { get; set; }

    /// <summary>The JSON answer given the first time.</summary>
    public required string Response { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
