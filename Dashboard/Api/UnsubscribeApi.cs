using System.Net;
using Dashboard.Core.Unsubscribe;

namespace Dashboard.Api;

/// <summary>
/// The one-click unsubscribe link (RFC 8058), open to anyone holding a signed link: <c>GET</c> shows a
/// confirmation page (mail scanners follow links, so a GET never unsubscribes), <c>POST</c>
/// (the mailbox provider's one-click, or the page's button) adds an Unsubscribe suppression.
/// </summary>
internal static class UnsubscribeApi
{
    public static void MapUnsubscribe(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/unsubscribe").AllowAnonymous();
        group.MapGet("/{token}", ConfirmAsync);
        // Providers post "List-Unsubscribe=One-Click" from their servers, with no antiforgery token.
        group.MapPost("/{token}", UnsubscribeAsync).DisableAntiforgery();
    }

    private static async Task<IResult> ConfirmAsync(string token, UnsubscribeService service, CancellationToken cancellationToken)
    {
        var recipient = await service.RecipientForAsync(token, cancellationToken);
        if (recipient is null)
        {
            return Page(HttpStatusCode.NotFound, "Link not valid",
                "<p>This unsubscribe link is not valid. Use the link in the latest message you received.</p>");
        }
        var action = "/unsubscribe/" + Uri.EscapeDataString(token);
        return Page(HttpStatusCode.OK, "Unsubscribe",
            $"""
            <p>Stop all mail from this sender to <strong>{WebUtility.HtmlEncode(recipient)}</strong>?</p>
            <form method="post" action="{WebUtility.HtmlEncode(action)}">
              <input type="hidden" name="List-Unsubscribe" value="One-Click">
              <button type="submit" id="unsubscribe-confirm">Unsubscribe</button>
            </form>
            """);
    }

    private static async Task<IResult> UnsubscribeAsync(string token, UnsubscribeService service, CancellationToken cancellationToken)
    {
        var result = await service.UnsubscribeAsync(token, UnsubscribeChannel.Web, cancellationToken);
        if (!result.Accepted)
        {
            return Page(HttpStatusCode.NotFound, "Link not valid", "<p>This unsubscribe link is not valid; nothing was changed.</p>");
        }
        return Page(HttpStatusCode.OK, "Unsubscribed",
            $"<p id=\"unsubscribe-done\"><strong>{WebUtility.HtmlEncode(result.Recipient)}</strong> will receive no more mail from this sender.</p>");
    }

    private static IResult Page(HttpStatusCode status, string title, string body) => Results.Content(
        $$$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{{title}}}</title>
        <style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5}
        button{font-size:1rem;padding:.6rem 1.4rem;border-radius:.3rem;border:0;background:#1565c0;color:#fff;cursor:pointer}
        @media (prefers-color-scheme:dark){body{background:#121212;color:#eee}}</style></head>
        <body><h1>{{{title}}}</h1>{{{body}}}</body></html>
        """, "text/html; charset=utf-8", statusCode: (int)status);
}
