using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dashboard.Core.Integrations;
using Dashboard.Core.Users;
using Dashboard.Tests.Relay;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Api;

/// <summary>The relay harness's app, driven over HTTP with API keys.</summary>
internal static class ApiHarness
{
    public static async Task<(HttpClient Client, string Key)> KeyAsync(this RelayHarness h, ApiScopes scopes, int? rate = null, string name = "crm")
    {
        var created = await h.App.Services.GetRequiredService<IntegrationService>().CreateApiKeyAsync(new NewApiKey(name, scopes, rate), Actor.System);
        var client = h.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Secret);
        return (client, created.Secret);
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, string json, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>());

    /// <summary>The message of a problem's <c>errors[field]</c>, asserting the problem names that field.</summary>
    public static async Task<string> FieldErrorAsync(this HttpResponseMessage response, string field)
    {
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"The problem names no field \"{field}\": {problem}");
        return messages[0].GetString()!;
    }
}
