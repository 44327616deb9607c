namespace Dashboard.Core.Activity;

/// <summary>
/// The columns the activity list can be ordered by. Each has an index that leads with it and
/// continues with the time, so every order is read straight off an index (ties: time, then Id).
/// </summary>
public enum ActivitySort
{
    Time,
    Status,
    Recipient,
    Sender,
}
