using System.Net;

namespace Dashboard.Security;

/// <summary>
/// Outside Development the session and antiforgery cookies are HTTPS-only, so the sign-in form
/// cannot work over plain HTTP (antiforgery refuses to issue its cookie and the page would be a
/// 500). Over plain HTTP the account pages answer a page that says why and which setting fixes it:
/// HTTPS from the app itself, or a TLS-terminating proxy listed in <see cref="ForwardedHeadersSettings"/>.
/// </summary>
internal sealed class PlainHttpSignInMiddleware(RequestDelegate next, IHostEnvironment environment, Microsoft.Extensions.Options.IOptions<ForwardedHeadersSettings> proxies)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (environment.IsDevelopment() || context.Request.IsHttps || !context.Request.Path.StartsWithSegments("/account"))
        {
            return next(context);
        }
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(Page(context.Request.Host.Value ?? "", proxies.Value.TrustsAProxy));
    }

    private static string Page(string host, bool trustsAProxy)
    {
        var https = WebUtility.HtmlEncode($"https://{host}/account/signin");
        var proxyState = trustsAProxy
            ? "This request did not come from a trusted proxy with <code>X-Forwarded-Proto: https</code>."
            : "No proxy is trusted now, so <code>X-Forwarded-*</code> headers are ignored.";
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sign-in needs HTTPS · Deliverability</title>
            <style>
              body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; color: #222; background: #fff; }
              code { background: #f1f1f1; padding: 0 .25rem; border-radius: 3px; overflow-wrap: anywhere; }
              a { color: #3f51b5; overflow-wrap: anywhere; }
              @media (prefers-color-scheme: dark) { body { color: #eee; background: #1e1e24; } code { background: #33333d; } a { color: #9fa8ff; } }
            </style>
            </head>
            <body>
            <h1>Sign-in needs HTTPS</h1>
            <p data-testid="https-required">This dashboard runs in production, where the sign-in cookie travels over HTTPS only,
            and this request reached it over plain HTTP. Nothing was sent or stored.</p>
            <p>Try <a href="{{https}}">{{https}}</a>. If that does not answer, whoever runs the dashboard can:</p>
            <ul>
              <li>put it behind a reverse proxy or load balancer that serves HTTPS, and list that proxy's address in
                <code>ForwardedHeaders:KnownProxies</code> (or its network in <code>ForwardedHeaders:KnownNetworks</code>),
                so its <code>X-Forwarded-Proto: https</code> is believed. {{proxyState}}</li>
              <li>or serve HTTPS from the dashboard itself (a certificate for Kestrel and an <code>https://</code> URL in <code>ASPNETCORE_URLS</code>).</li>
            </ul>
            <p>The README's "Run behind a reverse proxy" section has an nginx example.</p>
            </body>
            </html>
            """;
    }
}
