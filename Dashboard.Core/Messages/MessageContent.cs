namespace Dashboard.Core.Messages;

/// <summary>
/// The stored MIME of a submission, shared by its recipients' rows: the body that follows each
/// recipient's own header block (<see cref="Message.Headers"/>); for older rows without one, the whole message.
/// </summary>
public sealed class MessageContent
{
    public long Id { get; set; }

    public required byte[] Mime { get; set; }
}
