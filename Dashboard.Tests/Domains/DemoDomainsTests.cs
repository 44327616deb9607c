using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Domains;

/// <summary>The living demo adds its sender domains with keys before its first message, so its mail is signed.</summary>
public sealed class DemoDomainsTests
{
    [Fact]
    public async Task TheDemosSenderDomainsHaveKeysAndItsMailIsSigned()
    {
        await using var app = new DashboardWebFactory();
        app.Settings["Demo:Enabled"] = "true";
        app.Settings["Demo:HistoryDays"] = "1";
        app.Settings["Demo:MessagesPerDay"] = "6";
        app.Settings["Demo:LiveIntervalSeconds"] = "0";
        await app.SeedUsersAsync();
        var factory = app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();

        List<Message> sent = [];
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            await using var db = await factory.CreateDbContextAsync();
            sent = await db.Messages.AsNoTracking().Where(m => m.Source == MessageSource.Demo).ToListAsync();
            if (sent.Count >= 3)
            {
                break;
            }
            await Task.Delay(200);
        }

        await using (var db = await factory.CreateDbContextAsync())
        {
            Assert.Equal(["app.example", "shop.example"], await db.SenderDomains.Select(d => d.Name).OrderBy(n => n).ToListAsync());
        }
        Assert.True(sent.Count >= 3, $"The demo sent {sent.Count} messages.");
        Assert.All(sent, m => Assert.Equal((m.Sender[(m.Sender.IndexOf('@') + 1)..], "dash1"), (m.DkimDomain, m.DkimSelector)));
    }
}
