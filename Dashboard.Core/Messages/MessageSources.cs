namespace Dashboard.Core.Messages;

/// <summary>Where a message came from, in words ("the Send page"), for the message page and the timeline.</summary>
public static class MessageSources
{
    public static string Describe(MessageSource source) => source switch
    {
        MessageSource.Ui => "the Send page",
        MessageSource.Api => "the API",
        MessageSource.Relay => "the SMTP relay",
        MessageSource.Demo => "demo traffic",
        MessageSource.Resend => "a re-send",
        _ => "elsewhere",
    };
}
