namespace Dashboard.Core.Classification;

/// <summary>
/// A fallback row: when no wording rule matched, the enhanced status code (RFC 3463) decides.
/// <see cref="Status"/> is matched without its class digit ("1.1" matches 5.1.1 and 4.1.1);
/// a subject alone ("7") matches any detail of that subject.
/// </summary>
public sealed record StatusCodeRule(string Name, string Status, string Reason);
