namespace Dashboard.Core.Classification;

/// <summary>
/// One row of the classifier's table. It matches when the reply's enhanced status code fits one of
/// <see cref="Statuses"/>, or when one of <see cref="Phrases"/> occurs in the server's text
/// (case-insensitive, on word boundaries, whitespace collapsed).
/// </summary>
/// <param name="Name">Stable rule name, shown in the timeline as the "why".</param>
/// <param name="Reason">A reason from the corpus vocabulary.</param>
/// <param name="Policy">How hard/soft is decided for this rule.</param>
/// <param name="Phrases">Lower-case fragments; the first one found is the evidence. A trailing '*' makes a prefix.</param>
/// <param name="Advice">What the sender should do, in plain words.</param>
/// <param name="Statuses">Status patterns such as "5.2.1", "*.2.2" (either class) or "*.6.*" (any detail).</param>
/// <param name="Codes">Restricts the rule to reply classes ("4" only 4xx, "5" only 5xx) or to one exact code ("421"); null for any.</param>
public sealed record ClassificationRule(
    string Name,
    string Reason,
    HardnessPolicy Policy,
    IReadOnlyList<string> Phrases,
    string Advice,
    IReadOnlyList<string> Statuses,
    string? Codes = null);
