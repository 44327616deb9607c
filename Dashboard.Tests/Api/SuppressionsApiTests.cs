using System.Net;
using Dashboard.Core.Integrations;
using Dashboard.Core.Suppressions;
using Dashboard.Tests.Relay;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Api;

/// <summary>/api/v1/suppressions with the Suppressions page's rules.</summary>
public sealed class SuppressionsApiTests
{
    [Fact]
    public async Task AddListAndRemoveWithTheOverrideRulesOfThePage()
    {
        await using var h = await RelayHarness.StartAsync();
        var (client, _) = await h.KeyAsync(ApiScopes.Suppressions);
        var suppressions = h.App.Services.GetRequiredService<SuppressionService>();

        var added = await client.PostJsonAsync("/api/v1/suppressions", """{"value":"Typo@Example.com","note":"CRM says bad"}""");
        var complaint = await client.PostJsonAsync("/api/v1/suppressions", """{"value":"angry@example.com","reason":"spam_complaint"}""");
        var list = await (await client.GetAsync("/api/v1/suppressions?search=example.com")).JsonAsync();
        var noReason = await client.DeleteAsync("/api/v1/suppressions/typo@example.com");
        var removed = await client.DeleteAsync("/api/v1/suppressions/typo@example.com?reason=fixed%20in%20the%20CRM");
        var needsOverride = await client.DeleteAsync("/api/v1/suppressions/angry@example.com?reason=asked%20again");
        var overridden = await client.DeleteAsync("/api/v1/suppressions/angry@example.com?reason=asked%20again&override=true");
        var notThere = await client.DeleteAsync("/api/v1/suppressions/nobody@example.com?reason=x");

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var addedJson = await added.JsonAsync();
        Assert.Equal("typo@example.com", addedJson.GetProperty("value").GetString());
        Assert.Equal("API key crm", addedJson.GetProperty("created_by").GetString());
        Assert.Equal(HttpStatusCode.Created, complaint.StatusCode);
        Assert.Equal(2, list.GetProperty("total").GetInt32());
        Assert.Contains("reason", await noReason.FieldErrorAsync("reason"));
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, needsOverride.StatusCode);
        Assert.Contains("reported your mail as spam", (await needsOverride.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, overridden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notThere.StatusCode);
        Assert.False(await suppressions.IsSuppressedAsync("typo@example.com"));
        Assert.False(await suppressions.IsSuppressedAsync("angry@example.com"));
    }

    [Theory]
    [InlineData("""{"value":"not an address"}""", "value")]
    [InlineData("""{"value":"a@example.com","reason":"because"}""", "reason")]
    [InlineData("""{"value":"a@example.com","expires_at":"2001-01-01T00:00:00Z"}""", "expires_at")]
    [InlineData("""{"value":"a@example.com","until":"tomorrow"}""", "until")]
    public async Task BadSuppressionsAreProblemsNamingTheField(string json, string field)
    {
        await using var h = await RelayHarness.StartAsync();
        var (client, _) = await h.KeyAsync(ApiScopes.Suppressions);

        var response = await client.PostJsonAsync("/api/v1/suppressions", json);

        Assert.False(string.IsNullOrEmpty(await response.FieldErrorAsync(field)));
    }

    [Fact]
    public async Task AnAddressAlreadySuppressedIsAConflictNamingTheEntryInForce()
    {
        await using var h = await RelayHarness.StartAsync();
        var (client, _) = await h.KeyAsync(ApiScopes.Suppressions);

        var first = await client.PostJsonAsync("/api/v1/suppressions", """{"value":"twice@example.com","note":"first"}""");
        var second = await client.PostJsonAsync("/api/v1/suppressions", """{"value":"Twice@Example.com","note":"second"}""");
        var list = await (await client.GetAsync("/api/v1/suppressions?search=twice@example.com")).JsonAsync();

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await second.JsonAsync();
        Assert.Contains("already suppressed", problem.GetProperty("detail").GetString());
        Assert.Equal("first", problem.GetProperty("existing").GetProperty("note").GetString());
        Assert.Equal(1, list.GetProperty("total").GetInt32());
    }
}
