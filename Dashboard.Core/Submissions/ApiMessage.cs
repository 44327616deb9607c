namespace Dashboard.Core.Submissions;

/// <summary>A message as the REST API takes it (<c>POST /api/v1/messages</c>).</summary>
public sealed record ApiMessage
{
    public string? From { get; init; }
    public IReadOnlyList<string>? To { get; init; }
    public IReadOnlyList<string>? Cc { get; init; }

    /// <summary>Envelope-only recipients: they get the message, nobody sees them in it.</summary>
    public IReadOnlyList<string>? Bcc { get; init; }

    public string? ReplyTo { get; init; }
    public string? Subject { get; init; }
    public string? Text { get; init; }
    public string? Html { get; init; }

    /// <summary>Extra headers from an allow-list (see <see cref="ApiMessageBuilder.IsAllowedHeader"/>).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }
    public IReadOnlyList<ApiAttachment>? Attachments { get; init; }
}

/// <summary>An attachment: a file name, an optional content type, and the content in base64.</summary>
public sealed record ApiAttachment
{
    public string? Filename { get; init; }
    public string? ContentType { get; init; }
    public string? Content { get; init; }
}
