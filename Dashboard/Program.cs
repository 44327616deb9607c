using Dashboard.Api;
using Dashboard.Components;
using Dashboard.Extensions;
using Dashboard.Health;
using Dashboard.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddApplicationServices();

var app = builder.Build();
await app.InitializeDatabaseAsync();

app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseDashboardSecurity();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();
app.MapDashboardHealthChecks();
app.MapAccountEndpoints();
app.MapActivityApi().RequireAuthorization();
// Pages and the Blazor hub (/_blazor) need a signed-in user; the sign-in page opts out.
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode()
    .RequireAuthorization();

app.Run();

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
