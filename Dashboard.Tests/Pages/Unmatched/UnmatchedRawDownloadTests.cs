using System.Net;
using Dashboard.Core.Bounces;
using Dashboard.Core.Data;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Pages.Unmatched;

/// <summary>Issue 9 §3: the whole raw message leaves only as a download, and only to admins.</summary>
public sealed class UnmatchedRawDownloadTests(DashboardWebFactory factory) : IClassFixture<DashboardWebFactory>
{
    [Fact]
    public async Task AdminsDownloadTheWholeRawMessageAndMarketersAreRefused()
    {
        await factory.SeedUsersAsync();
        var raw = new byte[3 * 1024 * 1024];
        Random.Shared.NextBytes(raw);
        long id;
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync())
        {
            var kept = new UnmatchedBounce { ReceivedAt = DateTimeOffset.UtcNow, Why = "test", Raw = raw };
            db.UnmatchedBounces.Add(kept);
            await db.SaveChangesAsync();
            id = kept.Id;
        }
        using var admin = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await FormPoster.SignInAsync(admin, DashboardWebFactory.Admin.Email, DashboardWebFactory.Admin.Password);
        using var marketer = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await FormPoster.SignInAsync(marketer, DashboardWebFactory.Marketer.Email, DashboardWebFactory.Marketer.Password);
        using var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var download = await admin.GetAsync($"/api/unmatched/{id}/raw");
        using var refused = await marketer.GetAsync($"/api/unmatched/{id}/raw");
        using var stranger = await anonymous.GetAsync($"/api/unmatched/{id}/raw");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(raw, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, stranger.StatusCode);
    }
}
