namespace Dashboard.Core;

/// <summary>
/// The colour family a status or reason is shown in, one per meaning, so the same news has the same
/// colour on every page (a hard bounce is red on Activity and on Suppressions alike).
/// </summary>
public enum Tone
{
    /// <summary>Good news (delivered).</summary>
    Good,
    /// <summary>Temporary trouble (soft bounce).</summary>
    Warning,
    /// <summary>Permanent trouble or a complaint (hard bounce, spam complaint).</summary>
    Bad,
    /// <summary>Never sent, neither good nor bad news about a receiving server (rejected).</summary>
    Neutral,
    /// <summary>The recipient's own choice (unsubscribed).</summary>
    Info,
    /// <summary>Needs a look (interrupted mid-send).</summary>
    Attention,
    /// <summary>Still under way (queued, sending).</summary>
    Pending,
    /// <summary>Done by a person (a suppression added by hand).</summary>
    Manual,
}
