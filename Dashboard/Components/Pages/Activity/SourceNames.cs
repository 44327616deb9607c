using Dashboard.Core.Messages;

namespace Dashboard.Components.Pages.ActivityReport;

/// <summary>How the activity pages name the ways a message came in.</summary>
internal static class SourceNames
{
    public static string Label(MessageSource source) => source switch
    {
        MessageSource.Ui => "Send page",
        MessageSource.Api => "API",
        MessageSource.Relay => "SMTP relay",
        MessageSource.Demo => "Demo traffic",
        MessageSource.Resend => "Resend",
        _ => source.ToString(),
    };

    /// <summary>What the submitter's name is: "SMTP relay credential" for the relay, "API key" for the API.</summary>
    public static string Via(MessageSource source) => source switch
    {
        MessageSource.Relay => "SMTP relay credential",
        MessageSource.Api => "API key",
        _ => Label(source),
    };
}
