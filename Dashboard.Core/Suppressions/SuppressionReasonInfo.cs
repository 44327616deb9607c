using Dashboard.Core.Messages;

namespace Dashboard.Core.Suppressions;

/// <summary>One entry of the suppression-reason vocabulary.</summary>
/// <param name="Reason">The reason.</param>
/// <param name="Label">The reason as chips, filters, the CSV and dialogs name it ("Hard bounce").</param>
/// <param name="Words">The reason inside a sentence ("the address hard-bounced").</param>
/// <param name="Advice">What a sender should do when a send is refused for this reason.</param>
/// <param name="Tone">The chip colour: the same as the message status it stands for.</param>
/// <param name="Status">The message status this reason stands for, if any, so its chip looks the same.</param>
/// <param name="Protected">Removing it overrides the recipient's own wish (complaint, unsubscribe): an explicit override is required.</param>
public sealed record SuppressionReasonInfo(
    SuppressionReason Reason, string Label, string Words, string Advice, Tone Tone, MessageStatus? Status, bool Protected);
