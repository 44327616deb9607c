using System.Buffers;
using System.Security.Cryptography;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Dashboard.Core.Sandbox;

/// <summary>
/// Takes the message after DATA: refuses it when a recipient's row is a DATA-phase refusal (which, as
/// on a real server, concerns every recipient of the transaction), otherwise accepts and hands it on.
/// </summary>
internal sealed class SandboxMessageStore(Func<SandboxDelivery, Task>? onAccepted) : MessageStore
{
    public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        foreach (var to in transaction.To)
        {
            var recipient = to.AsAddress();
            var row = SandboxAddresses.For(recipient);
            if (row.Phase == SandboxPhase.Data)
            {
                return new SmtpResponse((SmtpReplyCode)row.ReplyCode!.Value, row.ReplyFor(recipient));
            }
        }
        var queueId = Convert.ToHexString(RandomNumberGenerator.GetBytes(5));
        if (onAccepted is not null)
        {
            await onAccepted(new SandboxDelivery(transaction.From.AsAddress(), [.. transaction.To.Select(t => t.AsAddress())], buffer.ToArray()));
        }
        return new SmtpResponse(SmtpReplyCode.Ok, SandboxAddresses.Accepted.Reply.Replace("{id}", queueId, StringComparison.Ordinal));
    }
}
