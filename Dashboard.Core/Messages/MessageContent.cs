namespace Dashboard.Core.Messages;

/// <summary>The stored MIME source of a submission, shared by its recipients' rows.</summary>
public sealed class MessageContent
{
    public long Id { get; set; }

    public required byte[] Mime { get; set; }
}
