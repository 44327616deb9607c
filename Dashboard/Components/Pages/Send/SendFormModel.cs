using Dashboard.Core.Sending;

namespace Dashboard.Components.Pages.Send;

/// <summary>What the user typed; kept as typed whatever the outcome, so nothing is lost.</summary>
public sealed class SendFormModel
{
    public string From { get; set; } = "";

    /// <summary>Recipients separated by commas, semicolons or new lines.</summary>
    public string To { get; set; } = "";

    public string Subject { get; set; } = "";

    public string TextBody { get; set; } = "";

    public string HtmlBody { get; set; } = "";

    public IReadOnlyList<string> Recipients => RecipientList.Split(To);

    /// <summary>The request to send: blank bodies become null, addresses are passed on as typed for the pipeline to validate.</summary>
    public SendRequest ToRequest() => new(
        From.Trim(),
        Recipients,
        Subject,
        string.IsNullOrWhiteSpace(TextBody) ? null : TextBody,
        string.IsNullOrWhiteSpace(HtmlBody) ? null : HtmlBody);

    /// <summary>
    /// Maps <see cref="SendValidationException.Field"/> to an input. Matches loosely ("To", "to[2]",
    /// "Recipients", "htmlBody") so the form keeps working whatever spelling the pipeline settles on.
    /// </summary>
    public static SendFormField FieldFor(string? field)
    {
        var name = (field ?? "").Trim().ToLowerInvariant();
        return name switch
        {
            _ when name.Contains("html") => SendFormField.HtmlBody,
            _ when name.StartsWith("from") || name.Contains("sender") => SendFormField.From,
            _ when name.StartsWith("to") || name.Contains("recipient") => SendFormField.To,
            _ when name.Contains("subject") => SendFormField.Subject,
            _ when name.Contains("text") || name.Contains("body") => SendFormField.TextBody,
            _ => SendFormField.None,
        };
    }
}
