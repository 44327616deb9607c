namespace Dashboard.Core.Domains;

/// <summary>Where a From domain stands as a sender domain.</summary>
/// <param name="Domain">The domain, lower case.</param>
/// <param name="Known">It is a sender domain (it has a key, so its mail is signed).</param>
/// <param name="State">Its last check; Unchecked when unknown.</param>
/// <param name="Failures">What failed at the last check ("DKIM missing"), when failing.</param>
public sealed record SenderStatus(string Domain, bool Known, DomainCheckState State, string? Failures)
{
    /// <summary>Mail from it authenticates: a sender domain whose last check passed.</summary>
    public bool IsVerified => Known && State == DomainCheckState.Passing;

    /// <summary>Why sending from it is risky, in a sentence; null when verified.</summary>
    public string? Warning => IsVerified ? null
        : !Known ? $"{Domain} is not a sender domain: its mail is not DKIM-signed and may be refused by Gmail and Yahoo. An admin can add it under Sender domains."
        : State == DomainCheckState.Unchecked ? $"{Domain} has not been checked yet: its DNS records may not be published."
        : $"{Domain} fails its DNS check ({Failures}): mail from it may be refused or land in spam.";
}
