namespace Dashboard.Core.Classification;

/// <summary>The classifier's reading of one server answer.</summary>
/// <param name="Outcome">Delivered, soft or hard bounce, or informational.</param>
/// <param name="Reason">A reason from the vocabulary (userunknown, mailboxfull, blocked, …).</param>
/// <param name="Hard">True: permanent, suppress the address. False: temporary. Null: not a failure.</param>
/// <param name="Rule">The name of the rule that matched, for the timeline's "why".</param>
/// <param name="Evidence">The part of the text (or the code) that made the rule match.</param>
/// <param name="Advice">What the sender should do about it.</param>
public sealed record Verdict(Outcome Outcome, string Reason, bool? Hard, string Rule, string Evidence, string Advice);
