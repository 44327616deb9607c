namespace Dashboard.Components.Pages.Send;

/// <summary>The inputs of the Send form, to mark the ones validation errors name.</summary>
public enum SendFormField
{
    From,
    To,
    Subject,
    TextBody,
    HtmlBody,
}
