namespace Dashboard.Core.Classification;

/// <summary>
/// Reads an SMTP reply (code, enhanced status, text) and decides what it means.
/// Pure: no I/O, the same input always gives the same verdict.
/// </summary>
public static class ReplyClassifier
{
    /// <summary>Classifies one reply. <paramref name="text"/> is the server's full response text.</summary>
    public static Verdict Classify(int? replyCode, string? enhancedStatus, string? text)
    {
        // Placeholder until the table-driven rules land: codes only.
        if (replyCode is >= 200 and < 300)
        {
            return new Verdict(Outcome.Delivered, "delivered", null, "2xx", replyCode.Value.ToString(), "Nothing to do.");
        }
        var hard = replyCode is >= 500;
        return new Verdict(hard ? Outcome.HardBounce : Outcome.SoftBounce, hard ? "userunknown" : "undefined", hard,
            "code", replyCode?.ToString() ?? "", hard ? "Remove the address from your list." : "Try again later.");
    }
}
