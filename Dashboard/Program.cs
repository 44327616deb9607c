using Dashboard.Api;
using Dashboard.Api.V1;
using Dashboard.Cli;
using Dashboard.Components;
using Dashboard.Extensions;
using Dashboard.Health;
using Dashboard.Security;

// The reclassify verb's own words are not configuration keys ("--apply" has no value).
var builder = WebApplication.CreateBuilder(args is ["reclassify", ..] ? [.. args.Where(a => a is not ("reclassify" or "--apply"))] : args);
builder.AddApplicationServices();

var app = builder.Build();
// Settings first: a bad one stops the app with its message before the database is touched.
if (!app.SettingsAreValid(Console.Error))
{
    Environment.ExitCode = 1;
    return;
}
await app.InitializeDatabaseAsync();

if (args is ["reclassify", ..])
{
    Environment.ExitCode = await ReclassifyCommand.RunAsync(app.Services, args[1..], Console.Out);
    return;
}

app.UseTrustedProxies();
app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UsePlainHttpSignInPage();
app.UseDashboardSecurity();
app.UseRateLimiter();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();
app.MapDashboardHealthChecks();
app.MapAccountEndpoints();
app.MapActivityApi().RequireAuthorization();
app.MapDashboardApi();
app.MapUnmatchedApi();
app.MapSuppressionApi().RequireAuthorization();
app.MapUnsubscribe();
// Pages and the Blazor hub (/_blazor) need a signed-in user; the sign-in page opts out.
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode()
    .RequireAuthorization();

app.Run();

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
