namespace Dashboard.Core.Sending;

/// <summary>
/// One running instance's hold on the messages it claimed (<see cref="Messages.Message.ClaimedBy"/>):
/// renewed while it runs, removed when it stops cleanly. Written only by <see cref="SendingLeases"/>.
/// </summary>
public sealed class SendingLease
{
    /// <summary>The instance's <see cref="SendingInstance.Id"/>.</summary>
    public required string Id { get; set; }

    public required string Host { get; set; }

    public int ProcessId { get; set; }

    public DateTimeOffset ProcessStartedAt { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>Its claims hold until then; a lease past this belongs to an instance that stopped.</summary>
    public DateTimeOffset LeaseUntil { get; set; }
}
