namespace Dashboard.Core.Erasure;

/// <summary>What forgetting an address changed: the hash that now stands for it and how many rows were erased.</summary>
public sealed record ForgetResult(string Hash, int Messages, int Events, int Suppressions, int HistoryLines, int UnmatchedMail);
