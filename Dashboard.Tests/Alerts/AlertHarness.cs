using Dashboard.Core.Alerts;
using Dashboard.Core.Users;
using Dashboard.Core.Webhooks;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Alerts;

/// <summary>The alert services on the real pipeline (mail to a loopback SMTP server) and a real SQLite database.</summary>
public sealed class AlertHarness : IAsyncDisposable
{
    /// <param name="configure">Changes to the alert options.</param>
    /// <param name="database">A database of the test's own (this harness disposes it), e.g. one with separate connections.</param>
    /// <param name="serviceInterceptor">Watches (or holds) the queries of <see cref="Service"/> alone.</param>
    public AlertHarness(Action<AlertOptions>? configure = null, TestDatabase? database = null,
        Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor? serviceInterceptor = null)
    {
        configure?.Invoke(Options);
        Smtp = new LoopbackSmtpServer();
        Pipeline = new PipelineHarness(PipelineHarness.Smarthost(Smtp.Port), database: database);
        _database = database;
        var monitor = new StaticOptions(Options);
        Outbox = new WebhookOutbox(Clock);
        Evaluator = new AlertEvaluator(Pipeline.Database.Factory, monitor);
        var serviceFactory = serviceInterceptor is null ? Pipeline.Database.Factory : Pipeline.Database.FactoryWith(serviceInterceptor);
        Service = new AlertService(serviceFactory, Evaluator,
            new AlertNotifier(Pipeline.Database.Factory, Pipeline.Send, monitor, NullLogger<AlertNotifier>.Instance),
            Outbox, Feed, Clock, NullLogger<AlertService>.Instance);
    }

    public AlertOptions Options { get; } = new();

    public LoopbackSmtpServer Smtp { get; }

    public PipelineHarness Pipeline { get; }

    public Support.TestDatabase Database => Pipeline.Database;

    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock => Pipeline.Clock;

    public WebhookOutbox Outbox { get; }

    public AlertFeed Feed { get; } = new();

    public AlertEvaluator Evaluator { get; }

    public AlertService Service { get; }

    /// <summary>Adds a user with a role straight into the Identity tables.</summary>
    public async Task AddUserAsync(string email, string role, bool disabled = false)
    {
        await using var db = Database.CreateContext();
        var roleRow = db.Roles.FirstOrDefault(r => r.Name == role);
        if (roleRow is null)
        {
            roleRow = new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() };
            db.Roles.Add(roleRow);
        }
        var user = new AppUser { UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant(), IsDisabled = disabled };
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleRow.Id });
        await db.SaveChangesAsync();
    }

    private readonly TestDatabase? _database;

    public async ValueTask DisposeAsync()
    {
        await Pipeline.DisposeAsync();
        await Smtp.DisposeAsync();
        _database?.Dispose();
    }

    private sealed class StaticOptions(AlertOptions value) : IOptionsMonitor<AlertOptions>
    {
        public AlertOptions CurrentValue => value;

        public AlertOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<AlertOptions, string?> listener) => null;
    }
}
