using Dashboard.Core.Messages;

namespace Dashboard.Core.Reporting.Rollups;

/// <summary>
/// One message counted into (<see cref="Sign"/> +1) or out of (−1) the rollups, with the columns the
/// rollups are keyed and counted by. Written only by the triggers of <see cref="RollupSql"/> as a
/// message is inserted, changes status or is deleted; folded into <see cref="DeliveryRollup"/> and
/// <see cref="BounceReasonRollup"/> and deleted by <see cref="RollupFolder"/>. A journal, not the
/// rollups themselves in the trigger: SQLite compiles a table's triggers into every statement that
/// writes it, and ninety upserts made every write of a message cost about 10 ms.
/// </summary>
public sealed class RollupChange
{
    public long Id { get; set; }
    public int Sign { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string Sender { get; set; } = "";
    public string RecipientProvider { get; set; } = "";
    public string? Tags { get; set; }
    public MessageStatus Status { get; set; }
    public string? Reason { get; set; }
}
