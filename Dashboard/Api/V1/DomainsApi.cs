using Dashboard.Core.Domains;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Dashboard.Api.V1;

/// <summary><c>GET /api/v1/domains</c>: the sender domains with their DNS records and check results.</summary>
internal static class DomainsApi
{
    public static void MapDomainsApi(this RouteGroupBuilder v1) =>
        v1.MapGet("/domains", ListAsync).RequireScope(ApiScope.Read)
            .WithName("ListDomains")
            .WithSummary("Sender domains, the DNS records to publish and what the last check found")
            .WithDescription("Each domain with its state (unchecked, passing, failing) and its records (DKIM, SPF, DMARC and the bounce domain's MX): name, type and value to publish, and the status the last check found (found, missing, wrong, weak) with what DNS answered.")
            .Produces<DomainListResponse>();

    private static async Task<IResult> ListAsync(HttpContext context, SenderDomainQueries domains, IOptions<JsonOptions> json)
    {
        var list = await domains.ListAsync(context.RequestAborted);
        return Results.Json(new DomainListResponse([.. list.Select(d => new DomainResponse(
            d.Name, d.Selector, d.CreatedAt, d.CheckedAt, d.State, d.SpfLookups, d.DmarcPolicy,
            [.. d.Records.Select(r => new DomainRecordResponse(r.Record.Kind, r.Record.Name, r.Record.Type, r.Record.Value, r.Status, r.Found, r.Detail))]))]),
            json.Value.SerializerOptions);
    }
}

/// <summary>The sender domains.</summary>
internal sealed record DomainListResponse(IReadOnlyList<DomainResponse> Data);

/// <summary>One sender domain: its DKIM selector, its last check and the records to publish.</summary>
internal sealed record DomainResponse(
    string Name, string Selector, DateTimeOffset CreatedAt, DateTimeOffset? CheckedAt, DomainCheckState State,
    int? SpfLookups, string? DmarcPolicy, IReadOnlyList<DomainRecordResponse> Records);

/// <summary>One record to publish (<c>name</c>, <c>type</c>, <c>value</c>) and what the last check found.</summary>
internal sealed record DomainRecordResponse(
    RecordKind Kind, string Name, string Type, string Value, RecordStatus Status, string? Found, string? Detail);
