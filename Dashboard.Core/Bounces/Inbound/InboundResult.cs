namespace Dashboard.Core.Bounces.Inbound;

/// <summary>What became of one inbound message: the messages it was applied to, or why it was kept unmatched.</summary>
public sealed record InboundResult(IReadOnlyList<long> MatchedMessageIds, string? UnmatchedWhy);
