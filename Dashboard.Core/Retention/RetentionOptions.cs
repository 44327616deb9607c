using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Retention;

/// <summary>
/// How long what the dashboard keeps about each message is kept (section <c>Retention</c>). Messages
/// themselves, their status and the report rollups stay, so the figures in reports do not change;
/// the suppression list and its history are never pruned. 0 keeps a kind forever.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Days a sent message's content (headers and body) is kept. Default 90.</summary>
    [Range(0, 36_500)]
    public int ContentDays { get; set; } = 90;

    /// <summary>Days raw unmatched inbound mail is kept on the Unmatched page. Default 30.</summary>
    [Range(0, 36_500)]
    public int UnmatchedDays { get; set; } = 30;

    /// <summary>Days timeline events are kept (the message keeps its last status and reply). Default 400.</summary>
    [Range(0, 36_500)]
    public int EventDays { get; set; } = 400;

    /// <summary>Rows removed per transaction, so the pipeline never waits long for the write gate. Default 500.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Minutes between pruning runs. Default 60.</summary>
    [Range(1, 10_080)]
    public int RunEveryMinutes { get; set; } = 60;
}
