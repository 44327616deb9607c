namespace Dashboard.Core.Domains;

/// <summary><c>Sending:RequireVerifiedDomain</c> is set and the From domain is not a verified sender domain: nothing was stored.</summary>
public sealed class UnverifiedSenderException(SenderStatus sender) : Exception(sender.Warning)
{
    public SenderStatus Sender { get; } = sender;
}
