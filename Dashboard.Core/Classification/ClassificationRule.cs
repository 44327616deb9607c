namespace Dashboard.Core.Classification;

/// <summary>
/// One row of the classifier's table: when any of <see cref="Phrases"/> occurs in the server's text
/// (compared case-insensitively, whitespace collapsed), the reply means <see cref="Reason"/>.
/// </summary>
/// <param name="Name">Stable rule name, shown in the timeline as the "why".</param>
/// <param name="Reason">A reason from the corpus vocabulary.</param>
/// <param name="Policy">How hard/soft is decided for this rule.</param>
/// <param name="Phrases">Lower-case fragments; the first one found is the evidence.</param>
/// <param name="Advice">What the sender should do, in plain words.</param>
/// <param name="Codes">
/// Optional restriction to reply classes: "4" only for 4xx replies, "5" only for 5xx; null for any.
/// </param>
public sealed record ClassificationRule(
    string Name,
    string Reason,
    HardnessPolicy Policy,
    IReadOnlyList<string> Phrases,
    string Advice,
    string? Codes = null);
