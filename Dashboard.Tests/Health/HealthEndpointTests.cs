using System.Net;
using System.Text.Json;
using Dashboard.Core.Bounces.Inbound;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Health;

/// <summary>/healthz through the real app: the real database and the real SMTP listeners on loopback.</summary>
public sealed class HealthEndpointTests : IAsyncLifetime
{
    private readonly DashboardWebFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task HealthyAppAnswers200WithoutSigningIn()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        var checks = body.RootElement.GetProperty("checks");
        foreach (var name in new[] { "database", "inbound-listener", "sandbox" })
        {
            Assert.Equal("Healthy", checks.GetProperty(name).GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task AStoppedBounceListenerMakesIt503AndSaysWhich()
    {
        using var client = _factory.CreateClient();
        await client.GetAsync("/healthz");
        await _factory.Services.GetRequiredService<InboundBounceServer>().StopAsync(CancellationToken.None);

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Unhealthy", body.RootElement.GetProperty("status").GetString());
        var inbound = body.RootElement.GetProperty("checks").GetProperty("inbound-listener");
        Assert.Equal("Unhealthy", inbound.GetProperty("status").GetString());
        Assert.Contains("not being received", inbound.GetProperty("description").GetString());
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }
}
