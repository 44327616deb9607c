using Dashboard.Core.Messages;

namespace Dashboard.Benchmarks.Activity;

/// <summary>One generated message as the pipeline would have stored it, with its events in time order.</summary>
internal sealed record GeneratedMessage(
    long Id, string PublicId, string Sender, string Recipient, string RecipientDomain, string RecipientProvider, string Subject,
    int SizeBytes, long CreatedAt, MessageStatus Status, int? ReplyCode, string? EnhancedStatus, string Response, string? Reason,
    bool? IsHard, IReadOnlyList<GeneratedEvent> Events, string? Tags)
{
    public const string SubmittedBy = "marketing";

    public string SubmissionId => $"s{Id:x8}";

    public string MessageIdHeader => $"{PublicId}@shop.example";

    public long UpdatedAt => CreatedAt + 20_000_000;
}

/// <summary>One event of a generated message; a classified bounce carries rule, evidence and advice.</summary>
internal sealed record GeneratedEvent(long OccurredAt, MessageEventType Type, int? ReplyCode, string? EnhancedStatus, string? Response,
    string? RemoteHost, string? Reason, bool? IsHard)
{
    public string? Rule => Reason is null ? null : $"{Reason}-text";

    public string? Evidence => Reason is null || Response is null ? null : Response[..Math.Min(40, Response.Length)];

    public string? Advice => Reason is null ? null : IsHard == true ? "Remove the address from your list." : "Try again later.";
}

/// <summary>Values known to exist in the generated data, so filters have something to find.</summary>
internal sealed class GeneratedSample
{
    public string Recipient { get; set; } = "";

    public string CompanyDomain { get; set; } = "";

    public string PublicId { get; set; } = "";

    public string NamePrefix { get; set; } = "";
}
