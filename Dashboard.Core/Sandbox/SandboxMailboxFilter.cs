using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Dashboard.Core.Sandbox;

/// <summary>Answers RCPT TO from the address table.</summary>
internal sealed class SandboxMailboxFilter : IMailboxFilter
{
    public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) =>
        Task.FromResult(true);

    public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
    {
        var recipient = to.AsAddress();
        var row = SandboxAddresses.For(recipient);
        if (row.Phase == SandboxPhase.Recipient)
        {
            throw new SmtpResponseException(new SmtpResponse((SmtpReplyCode)row.ReplyCode!.Value, row.ReplyFor(recipient)));
        }
        return Task.FromResult(true);
    }
}
