using System.Net;
using System.Text.RegularExpressions;

namespace Dashboard.Benchmarks.Web;

/// <summary>An HTTPS client signed in to the web app through its sign-in form, as a browser would.</summary>
internal static partial class SignedInClient
{
    /// <summary>The admin the benchmark's web app is started with (Bootstrap:AdminEmail / AdminPassword).</summary>
    public const string Email = "bench-admin@example.test";

    public const string Password = "bench-admin-password-long";

    /// <param name="baseAddress">The app's https address on loopback.</param>
    /// <param name="certificate">The app's own self-signed certificate, the only one trusted.</param>
    public static async Task<HttpClient> CreateAsync(Uri baseAddress, LoopbackCertificate certificate)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = new CookieContainer(),
            SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == certificate.GetCertHashString() },
        };
        var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var html = await client.GetStringAsync("/account/signin");
        var form = HiddenInput().Matches(html)
            .Select(m => (Name: Attribute(m.Value, "name"), Value: Attribute(m.Value, "value") ?? ""))
            .Where(f => f.Name is not null)
            .ToDictionary(f => f.Name!, f => f.Value);
        form["Input.Email"] = Email;
        form["Input.Password"] = Password;
        using var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(form));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in answered {(int)response.StatusCode}, not a redirect");
        }
        return client;
    }

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("""<input[^>]*type="hidden"[^>]*>""")]
    private static partial Regex HiddenInput();
}
