namespace Dashboard.Core.Classification;

/// <summary>Who must act on a bounce: the reports split the reasons this way.</summary>
public enum ActingParty
{
    /// <summary>The address itself is wrong or gone (user unknown, host unknown): fix or remove it.</summary>
    TheAddress,

    /// <summary>The recipient's side is in trouble for now (mailbox full, system full, their server down): wait.</summary>
    RecipientSide,

    /// <summary>Your sending is the problem (blocklists, spam content, rate limits, authentication): you must act.</summary>
    YourSide,
}
