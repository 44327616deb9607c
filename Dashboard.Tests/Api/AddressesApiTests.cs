using System.Net;
using Dashboard.Core.Integrations;
using Dashboard.Core.Suppressions;
using Dashboard.Core.Users;
using Dashboard.Tests.Relay;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Api;

/// <summary>DELETE /api/v1/addresses/{address}: forget an address through the API.</summary>
public sealed class AddressesApiTests
{
    [Fact]
    public async Task AKeyWithTheSuppressionsScopeForgetsAnAddressThatStaysSuppressed()
    {
        await using var h = await RelayHarness.StartAsync();
        var (client, _) = await h.KeyAsync(ApiScopes.Suppressions);
        var (reader, _) = await h.KeyAsync(ApiScopes.Read, name: "reader");
        var suppressions = h.App.Services.GetRequiredService<SuppressionService>();
        var admin = new Actor("admin@test.example", new HashSet<string> { Roles.Admin });
        await suppressions.AddAsync(new AddSuppressionRequest("leave-me@example.com", SuppressionReason.Unsubscribe, "asked by leave-me@example.com", null), admin);

        var refused = await reader.DeleteAsync("/api/v1/addresses/leave-me@example.com");
        var notAnAddress = await client.DeleteAsync("/api/v1/addresses/example.com");
        var forgotten = await client.DeleteAsync("/api/v1/addresses/leave-me@example.com");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(string.IsNullOrEmpty(await notAnAddress.FieldErrorAsync("address")));
        Assert.Equal(HttpStatusCode.OK, forgotten.StatusCode);
        var body = await forgotten.JsonAsync();
        Assert.StartsWith("erased:", body.GetProperty("hash").GetString());
        Assert.Equal(1, body.GetProperty("suppressions").GetInt32());
        Assert.True(await suppressions.IsSuppressedAsync("leave-me@example.com"));
        var list = await suppressions.ListAsync(new SuppressionListQuery("leave-me", true, null, 0, 10));
        Assert.Equal(0, list.TotalCount);
    }
}
