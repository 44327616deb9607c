namespace Dashboard.Core.Classification;

/// <summary>
/// The step of an SMTP session a reply answered. The same words mean different things at different
/// steps: "user unknown" at RCPT TO is a dead mailbox, after the message data it is a filter.
/// </summary>
public enum SmtpPhase
{
    /// <summary>Not known: a bounce message that does not say which command was refused.</summary>
    Unknown = 0,

    /// <summary>Opening the connection (refused, timed out, no such host), before any reply.</summary>
    Connect,

    /// <summary>The server's greeting, or its answer to HELO/EHLO.</summary>
    Greeting,

    /// <summary>The answer to MAIL FROM: about our sender address.</summary>
    Mail,

    /// <summary>The answer to RCPT TO: about the recipient.</summary>
    Rcpt,

    /// <summary>The answer to the DATA command itself.</summary>
    Data,

    /// <summary>The answer after the message data was sent (the final "."): about the content.</summary>
    EndOfData,
}
