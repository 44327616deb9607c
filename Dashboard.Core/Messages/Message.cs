namespace Dashboard.Core.Messages;

/// <summary>One recipient of one submitted message, as a row of the activity report.</summary>
public sealed class Message
{
    public long Id { get; set; }

    /// <summary>Opaque id shown in URLs and the API (never the database key).</summary>
    public required string PublicId { get; set; }

    /// <summary>Shared by all recipients of one submission.</summary>
    public required string SubmissionId { get; set; }

    public required string Sender { get; set; }

    /// <summary>Recipient address, normalised to lower case.</summary>
    public required string Recipient { get; set; }

    public required string RecipientDomain { get; set; }

    public string Subject { get; set; } = "";

    /// <summary>Size of the MIME message in bytes.</summary>
    public int SizeBytes { get; set; }

    /// <summary>The Message-ID header, without angle brackets.</summary>
    public string? MessageIdHeader { get; set; }

    /// <summary>The signed token carried in the return path (MAIL FROM), for matching bounces.</summary>
    public string? ReturnPathToken { get; set; }

    public MessageSource Source { get; set; }

    /// <summary>The signed-in user, SMTP credential or API key name that submitted it; null for demo.</summary>
    public string? SubmittedBy { get; set; }

    /// <summary>Up to 3 labels from the X-Tag header or the API's tags, comma-separated; null: none.</summary>
    public string? Tags { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public MessageStatus Status { get; set; }

    /// <summary>When the status last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>A delivery was later followed by a hard bounce from a further hop (forwarding).</summary>
    public bool BouncedAfterDelivery { get; set; }

    /// <summary>
    /// "Delivered" means a relay (smarthost) took it, not the recipient's own server; a later bounce
    /// is then the relay reporting the destination's refusal, not a forwarding failure.
    /// </summary>
    public bool DeliveredByRelay { get; set; }

    // The latest classification, copied from the event that set it so lists need no join.
    public int? LastReplyCode { get; set; }
    public string? LastEnhancedStatus { get; set; }
    public string? LastResponse { get; set; }
    public string? Reason { get; set; }
    public bool? IsHard { get; set; }

    public long? ContentId { get; set; }
    public MessageContent? Content { get; set; }

    /// <summary>The message this one re-sends, if any.</summary>
    public long? ResendOfId { get; set; }

    public List<MessageEvent> Events { get; set; } = [];
}
