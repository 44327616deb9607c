namespace Dashboard.Components.Pages.Send;

/// <summary>The inputs of the Send form, to mark the one a validation error names.</summary>
public enum SendFormField
{
    /// <summary>The error names no field the form has: it is shown above the form.</summary>
    None,
    From,
    To,
    Subject,
    TextBody,
    HtmlBody,
}
