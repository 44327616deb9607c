using System.Text;
using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Alerts;

/// <summary>Mails every enabled admin about alerts opened and closed, through the dashboard's own sending pipeline.</summary>
public sealed class AlertNotifier(
    IDbContextFactory<DashboardDbContext> dbFactory,
    SendService sender,
    IOptionsMonitor<AlertOptions> options,
    ILogger<AlertNotifier> logger)
{
    /// <summary>Sends one mail for the batch; a failure is logged, never thrown (the alert itself is stored).</summary>
    public async Task NotifyAsync(IReadOnlyList<Alert> opened, IReadOnlyList<Alert> closed, CancellationToken cancellationToken = default)
    {
        var o = options.CurrentValue;
        if (!o.EmailAdmins || opened.Count + closed.Count == 0)
        {
            return;
        }
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var admins = await db.UserRoles
                .Join(db.Roles.Where(r => r.Name == Roles.Admin), ur => ur.RoleId, r => r.Id, (ur, r) => ur.UserId)
                .Join(db.Users.Where(u => !u.IsDisabled && u.Email != null), id => id, u => u.Id, (id, u) => u.Email!)
                .Distinct()
                .ToListAsync(cancellationToken);
            if (admins.Count == 0)
            {
                return;
            }
            var subject = opened.Count > 0
                ? $"Alert: {opened[0].Summary.Split(',')[0]}{(opened.Count + closed.Count > 1 ? $" (+{opened.Count + closed.Count - 1} more)" : "")}"
                : $"Alert closed: {closed[0].Summary.Split(',')[0]}";
            var body = new StringBuilder();
            foreach (var alert in opened)
            {
                body.AppendLine($"OPENED ({alert.Severity}): {alert.Summary}");
            }
            foreach (var alert in closed)
            {
                body.AppendLine($"CLOSED: {alert.Summary} — now back below the threshold.");
            }
            body.AppendLine().AppendLine("Open the dashboard's Alerts page for details and the affected messages.");
            await sender.SendAsync(new SendRequest(o.NotificationFrom, admins, subject.ReplaceLineEndings(" "), body.ToString(), null, MessageSource.Ui), Actor.System, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not mail the admins about {Count} alert(s)", opened.Count + closed.Count);
        }
    }
}
