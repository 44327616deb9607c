using System.Diagnostics;

namespace Dashboard.Core.Sending;

/// <summary>
/// This process as a sender: the id its claims carry (a new one at every start) and what tells
/// another instance whether it still runs. One per process (a singleton).
/// </summary>
public sealed class SendingInstance
{
    /// <summary>A new id at every start: a restarted process never mistakes its predecessor's claims for its own.</summary>
    public string Id { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The machine it runs on.</summary>
    public string Host { get; } = Environment.MachineName;

    /// <summary>Its process id on <see cref="Host"/>.</summary>
    public int ProcessId { get; } = Environment.ProcessId;

    /// <summary>When its process started: with <see cref="ProcessId"/>, names the process even after the id is reused.</summary>
    public DateTimeOffset ProcessStartedAt { get; } = StartOf(Process.GetCurrentProcess());

    /// <summary>
    /// Whether the instance behind <paramref name="lease"/> has stopped: its lease lapsed, or it ran on
    /// this machine and its process is gone. The second needs no waiting, so a restarted single
    /// instance takes over its predecessor's claims at once, as it did before leases.
    /// </summary>
    internal bool HasStopped(SendingLease lease, DateTimeOffset now) =>
        lease.LeaseUntil < now || (lease.Host == Host && !Runs(lease.ProcessId, lease.ProcessStartedAt));

    private static bool Runs(int processId, DateTimeOffset startedAt)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            // A reused process id belongs to a process that started later.
            return (StartOf(process) - startedAt).Duration() < TimeSpan.FromSeconds(1);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false; // not running (or exited while being read)
        }
    }

    private static DateTimeOffset StartOf(Process process) => new(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
}
