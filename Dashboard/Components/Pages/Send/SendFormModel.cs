using Dashboard.Core.Sending;

namespace Dashboard.Components.Pages.Send;

/// <summary>What the user typed, as the browser hands it over on Send (see Send.razor.js): exactly as typed.</summary>
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

    /// <summary>The input that shows an error about <paramref name="field"/>: a body error is shown on the text body.</summary>
    public static SendFormField FieldFor(SendField field) => field switch
    {
        SendField.From => SendFormField.From,
        SendField.To => SendFormField.To,
        SendField.Subject => SendFormField.Subject,
        _ => SendFormField.TextBody,
    };
}
