using Dashboard.Core.Data;
using Dashboard.Core.Integrations;
using Dashboard.Core.Messages;
using Dashboard.Core.Relay;
using Dashboard.Core.Users;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Relay;

/// <summary>
/// The real app (in memory for HTTP, real sockets for SMTP) with its relay on a free port, sending
/// through the Smarthost transport into a <see cref="LoopbackSmtpServer"/> that records every byte.
/// </summary>
public sealed class RelayHarness : IAsyncDisposable
{
    public const string Password = "relay-password-for-tests-0123456789";

    private RelayHarness(DashboardWebFactory app, LoopbackSmtpServer sink)
    {
        App = app;
        Sink = sink;
    }

    public DashboardWebFactory App { get; }

    public LoopbackSmtpServer Sink { get; }

    public RelayServer Relay => App.Services.GetRequiredService<RelayServer>();

    public IntegrationService Integrations => App.Services.GetRequiredService<IntegrationService>();

    public static async Task<RelayHarness> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var sink = new LoopbackSmtpServer();
        var app = new DashboardWebFactory();
        app.Settings["Sending:Transport"] = "Smarthost";
        app.Settings["Sending:Smarthost:Host"] = "127.0.0.1";
        app.Settings["Sending:Smarthost:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        app.Settings["Sending:Smarthost:Tls"] = "None";
        foreach (var (key, value) in settings ?? [])
        {
            app.Settings[key] = value;
        }
        await app.SeedUsersAsync();
        return new RelayHarness(app, sink);
    }

    /// <summary>A credential with the test password.</summary>
    public Task<CreatedSmtpCredential> CredentialAsync(string name = "shop", string? domains = null, int? rate = null) =>
        Integrations.CreateCredentialAsync(new NewSmtpCredential(name, domains, rate), Password, Actor.System, CancellationToken.None);

    public async Task<List<Message>> MessagesAsync()
    {
        var factory = App.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Messages.AsNoTracking().Include(m => m.Content).Include(m => m.Events).OrderBy(m => m.Id).ToListAsync();
    }

    /// <summary>Waits until no message is Queued or Sending (the background send finished).</summary>
    public async Task<List<Message>> SettledMessagesAsync(int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var messages = await MessagesAsync();
            if ((messages.Count >= expected && messages.All(m => m.Status is not (MessageStatus.Queued or MessageStatus.Sending))) || DateTime.UtcNow > deadline)
            {
                return messages;
            }
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Sink.DisposeAsync();
    }
}
