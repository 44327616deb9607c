namespace Dashboard.Core.Sending;

/// <summary>The outcome of a submission, one entry per recipient.</summary>
public sealed record SendResult(string SubmissionId, IReadOnlyList<RecipientOutcome> Recipients);
