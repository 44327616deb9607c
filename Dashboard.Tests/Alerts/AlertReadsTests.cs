using System.Data.Common;
using Bunit;
using Dashboard.Components.Layout;
using Dashboard.Core.Alerts;
using Dashboard.Core.Users;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Dashboard.Tests.Alerts;

/// <summary>The alert banner and the Alerts page keep the latest read, whatever order the reads end in.</summary>
public sealed class AlertReadsTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();
    private readonly HeldRead _held = new();
    private readonly AlertHarness _alerts;

    // Separate connections, as the app has: a read holds the snapshot it began with.
    public AlertReadsTests() => _alerts = new AlertHarness(database: new TestDatabase(separateConnections: true), serviceInterceptor: _held);

    // The banner on every page, and the Alerts page: each reads again on a change and after acknowledging.
    [Theory]
    [InlineData(typeof(AlertBanner))]
    [InlineData(typeof(Dashboard.Components.Pages.Alerts.Alerts))]
    public async Task AnOlderReadEndingAfterTheAcknowledgementDoesNotBringTheAlertBack(Type component)
    {
        long id;
        await using (var db = _alerts.Database.CreateContext())
        {
            var alert = new Alert
            {
                Rule = AlertRule.HardBounceCluster,
                Severity = AlertSeverity.Critical,
                OpenedAt = _alerts.Clock.GetUtcNow(),
                Summary = "12 hard bounces in the hour (banner test)",
                WindowFrom = _alerts.Clock.GetUtcNow().AddHours(-1),
                WindowTo = _alerts.Clock.GetUtcNow(),
                Threshold = 10,
            };
            db.Alerts.Add(alert);
            await db.SaveChangesAsync();
            id = alert.Id;
        }
        var cut = RenderWithServices(component);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".acknowledge")));

        // A change elsewhere (another alert's reading) starts a read, which has its answer, alert and all,
        // but is slow to hand it over…
        _held.Arm();
        _alerts.Feed.Publish([new AlertChange(id + 1000, _alerts.Clock.GetUtcNow())]);
        await _held.Holding.WaitAsync(TimeSpan.FromSeconds(10));
        // …meanwhile the user acknowledges the alert, and it goes (the banner) or shows who saw it (the page).
        await cut.InvokeAsync(() => cut.Find(".acknowledge").Click());
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".acknowledge")));

        // The older answer arrives last: it must not bring the acknowledged alert back.
        _held.Release();
        await _held.Released.WaitAsync(TimeSpan.FromSeconds(10));
        for (var i = 0; i < 10; i++)
        {
            await Task.Delay(50);
            Assert.Empty(cut.FindAll(".acknowledge"));
        }
        await using var check = _alerts.Database.CreateContext();
        Assert.NotNull(check.Alerts.Single(a => a.Id == id).AcknowledgedAt);
    }

    private IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> RenderWithServices(Type component)
    {
        _context.Services.AddMudServices();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.AddAuthorization().SetAuthorized("marketer@test.example").SetRoles(Roles.Marketer);
        _context.Services.AddSingleton(_alerts.Service);
        _context.Services.AddSingleton(_alerts.Feed);
        _context.Services.AddSingleton<Dashboard.Security.CurrentActor>();
        _context.Services.AddSingleton<TimeProvider>(_alerts.Clock);
        return _context.Render(b =>
        {
            b.OpenComponent(0, component);
            b.CloseComponent();
        });
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _alerts.DisposeAsync();
    }

    /// <summary>Once armed, holds the next read of the alerts after it has run, until released.</summary>
    private sealed class HeldRead : DbCommandInterceptor
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _armed;

        public Task Holding => _holding.Task;

        public Task Released => _released.Task;

        public void Arm() => Volatile.Write(ref _armed, 1);

        public void Release() => _release.TrySetResult();

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
            CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("\"Alerts\"", StringComparison.Ordinal) && Interlocked.Exchange(ref _armed, 0) == 1)
            {
                _holding.TrySetResult();
                await _release.Task;
                _released.TrySetResult();
            }
            return result;
        }
    }
}
