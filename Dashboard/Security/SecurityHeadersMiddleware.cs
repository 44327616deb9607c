using System.Security.Cryptography;

namespace Dashboard.Security;

/// <summary>
/// Security headers on every response. The Content-Security-Policy allows exactly what Blazor
/// Server and MudBlazor need: our own scripts (no eval; the one inline script, Blazor's import map,
/// carries a per-request nonce: <see cref="GetCspNonce"/>), inline styles (MudBlazor
/// sets style attributes), the SignalR WebSocket back to this host, data:/blob: images. Frames:
/// only our own (stored HTML is shown in <c>&lt;iframe sandbox srcdoc&gt;</c>, which inherits this
/// policy, so a mail's scripts and remote images stay blocked), and nobody may frame us.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private const string NonceKey = "csp-nonce";

    /// <summary>This request's nonce, for the few inline scripts we render ourselves (App.razor).</summary>
    public static string GetCspNonce(HttpContext context) => (string)context.Items[NonceKey]!;

    public Task InvokeAsync(HttpContext context)
    {
        context.Items[NonceKey] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        // On starting, so error pages (the exception handler clears headers) get them too.
        context.Response.OnStarting(() =>
        {
            SetHeaders(context);
            return Task.CompletedTask;
        });
        return next(context);
    }

    // The API reference page (Scalar) starts itself with an inline script it writes, which cannot carry
    // our nonce; that page alone allows inline scripts. It shows no stored mail.
    private static string ScriptSources(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api/reference")
            ? "'self' 'unsafe-inline'"
            : $"'self' 'nonce-{GetCspNonce(context)}'";

    private static void SetHeaders(HttpContext context)
    {
        var headers = context.Response.Headers;
        var host = context.Request.Host.Value;
        headers.ContentSecurityPolicy =
            "default-src 'self'; " +
            $"script-src {ScriptSources(context)}; " +
            "style-src 'self' 'unsafe-inline'; " +
            "img-src 'self' data: blob:; " +
            "font-src 'self' data:; " +
            // 'self' covers ws(s) to the same host in current browsers; spelled out for older ones.
            $"connect-src 'self' ws://{host} wss://{host}; " +
            "frame-src 'self'; " +
            "child-src 'self'; " +
            "worker-src 'self'; " +
            "object-src 'none'; " +
            "base-uri 'self'; " +
            "form-action 'self'; " +
            "frame-ancestors 'none'";
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }
}
