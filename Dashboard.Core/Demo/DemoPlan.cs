namespace Dashboard.Core.Demo;

/// <summary>One demo submission: when, from whom, to whom, what.</summary>
internal sealed record DemoPlan(DateTimeOffset At, string From, IReadOnlyList<string> To, string Subject, string Body);
