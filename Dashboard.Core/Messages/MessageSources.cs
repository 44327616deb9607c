namespace Dashboard.Core.Messages;

/// <summary>Where a message came from, in words ("the Send page"), for the message page and the timeline.</summary>
public static class MessageSources
{
    /// <summary>A short label for filters and lists ("Send page", "SMTP relay").</summary>
    public static string Label(MessageSource source) => source switch
    {
        MessageSource.Ui => "Send page",
        MessageSource.Api => "API",
        MessageSource.Relay => "SMTP relay",
        MessageSource.Demo => "Demo traffic",
        MessageSource.Resend => "Re-send",
        _ => "Other",
    };

    /// <summary>Where it came from in a sentence: "submitted by shop from the SMTP relay".</summary>
    public static string Describe(MessageSource source) => source switch
    {
        MessageSource.Ui => "the Send page",
        MessageSource.Api => "the API",
        MessageSource.Relay => "the SMTP relay",
        MessageSource.Demo => "demo traffic",
        MessageSource.Resend => "a re-send",
        _ => "elsewhere",
    };

    /// <summary>What the submitter's name is: "SMTP relay credential" for the relay, "API key" for the API, else the label.</summary>
    public static string Via(MessageSource source) => source switch
    {
        MessageSource.Relay => "SMTP relay credential",
        MessageSource.Api => "API key",
        _ => Label(source),
    };
}
