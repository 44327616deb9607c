using MimeKit;
using MimeKit.Utils;

namespace Dashboard.Core.Sending;

/// <summary>
/// Each recipient's own copy of a submission: only that recipient in To and its own Message-ID, so no
/// recipient learns who else was mailed and a returned Message-ID names one message. The copies differ
/// only in their header block, so the body is stored once and each row keeps its own headers.
/// </summary>
internal static class RecipientCopies
{
    // The bytes as they go over the wire (CRLF), so what is stored is what the recipient received.
    private static readonly FormatOptions Wire = CreateFormat();

    /// <summary>The shared body, and for each recipient (in order) its header block and Message-ID.</summary>
    public static (byte[] Body, IReadOnlyList<RecipientCopy> Copies) Make(PreparedMessage prepared)
    {
        var mime = prepared.Mime;
        var domain = mime.From.Mailboxes.First().Domain;
        var mailboxes = mime.To.Mailboxes.ToList();
        byte[]? body = null;
        var copies = new List<RecipientCopy>(mailboxes.Count);
        foreach (var mailbox in mailboxes)
        {
            mime.To.Clear();
            mime.To.Add(mailbox);
            mime.MessageId = MimeUtils.GenerateMessageId(domain);
            using var buffer = new MemoryStream();
            mime.WriteTo(Wire, buffer);
            var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            var split = bytes.IndexOf("\r\n\r\n"u8) is var at and >= 0 ? at + 4 : bytes.Length;
            body ??= bytes[split..].ToArray();
            if (!bytes[split..].SequenceEqual(body))
            {
                // Never expected (the body object is shared); refuse rather than store something else than what is sent.
                throw new InvalidOperationException("A recipient's copy came out with a different body.");
            }
            copies.Add(new RecipientCopy(mailbox.Address.ToLowerInvariant(), mime.MessageId, bytes[..split].ToArray()));
        }
        mime.To.Clear();
        mime.To.AddRange(mailboxes);
        return (body ?? [], copies);
    }

    /// <summary>The whole message one recipient received: its header block, then the shared body.</summary>
    public static byte[] Join(byte[]? headers, byte[] content)
    {
        if (headers is null)
        {
            return content;
        }
        var whole = new byte[headers.Length + content.Length];
        headers.CopyTo(whole, 0);
        content.CopyTo(whole, headers.Length);
        return whole;
    }

    private static FormatOptions CreateFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        format.International = true;
        return format;
    }
}

/// <summary>One recipient's copy: the address (lower case), its Message-ID and its header block.</summary>
internal sealed record RecipientCopy(string Recipient, string MessageId, byte[] Headers);
