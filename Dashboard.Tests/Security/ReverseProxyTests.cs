using System.Net;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Security;

/// <summary>
/// Sign-in in Production on a real Kestrel at 127.0.0.1 over plain HTTP: alone (a page that names
/// the setting, not a 500), and behind a TLS-terminating proxy that sends X-Forwarded-Proto and
/// X-Forwarded-For (believed only from a proxy listed in ForwardedHeaders:KnownProxies).
/// </summary>
public sealed class ReverseProxyTests : IAsyncDisposable
{
    private readonly DashboardWebFactory _factory = DashboardWebFactory.OnKestrel();

    public ReverseProxyTests()
    {
        _factory.Environment = "Production";
        _factory.Settings["ReturnPath:SigningKey"] = "a-production-signing-key-for-the-proxy-tests-0123456789";
        _factory.Settings["Inbound:Port"] = "0";
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task SignInOverPlainHttpWithoutAProxyExplainsTheSetting()
    {
        using var client = new ProxiedClient(_factory.RootUri);

        using var response = await client.GetAsync("/account/signin");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Sign-in needs HTTPS", page);
        Assert.Contains("ForwardedHeaders:KnownProxies", page);
        Assert.Contains("No proxy is trusted now", page);
        Assert.Contains("https://dashboard.example/account/signin", page);
    }

    [Fact]
    public async Task ForwardedProtoFromAnAddressNotListedIsIgnored()
    {
        _factory.Settings["ForwardedHeaders:KnownProxies:0"] = "10.20.30.40";
        using var client = new ProxiedClient(_factory.RootUri) { ForwardedProto = "https" };

        using var response = await client.GetAsync("/account/signin");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("did not come from a trusted proxy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task BehindATrustedTlsProxySignInWorksWithSecureCookies()
    {
        _factory.Settings["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1";
        using var client = new ProxiedClient(_factory.RootUri) { ForwardedProto = "https", ForwardedFor = "198.51.100.20" };

        using var signIn = await client.SignInAsync(DashboardWebFactory.Admin.Email, DashboardWebFactory.Admin.Password);
        using var home = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        // Back to the home page, at the https:// address the proxy serves.
        Assert.Equal(new Uri("https://dashboard.example/"), signIn.Headers.Location);
        var authCookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("dashboard.auth=", StringComparison.Ordinal));
        Assert.Contains("secure", authCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        // HSTS is sent because the request counts as HTTPS.
        Assert.True(home.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task BehindATrustedProxyTheThrottleCountsEachForwardedClient()
    {
        _factory.Settings["ForwardedHeaders:KnownNetworks:0"] = "127.0.0.0/8";
        _factory.Settings["Security:SignInFailuresPerAddress"] = "2";
        using var guesser = new ProxiedClient(_factory.RootUri) { ForwardedProto = "https", ForwardedFor = "203.0.113.7" };
        using var colleague = new ProxiedClient(_factory.RootUri) { ForwardedProto = "https", ForwardedFor = "203.0.113.8" };
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var failed = await guesser.SignInAsync($"nobody-{attempt}@test.example", "a-guessed-password");
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        using var refused = await guesser.SignInAsync(DashboardWebFactory.Admin.Email, DashboardWebFactory.Admin.Password);
        using var allowed = await colleague.SignInAsync(DashboardWebFactory.Admin.Email, DashboardWebFactory.Admin.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
    }

    [Fact]
    public async Task WithoutATrustedProxyAForgedForwardedForDoesNotEscapeTheThrottle()
    {
        // Development signs in over plain HTTP, so the throttle can be reached without a proxy.
        _factory.Environment = "Development";
        _factory.Settings["Security:SignInFailuresPerAddress"] = "2";
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var client = new ProxiedClient(_factory.RootUri) { ForwardedFor = $"203.0.113.{attempt + 1}" };
            using var failed = await client.SignInAsync($"nobody-{attempt}@test.example", "a-guessed-password");
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        using var forger = new ProxiedClient(_factory.RootUri) { ForwardedFor = "203.0.113.99" };
        using var refused = await forger.SignInAsync(DashboardWebFactory.Admin.Email, DashboardWebFactory.Admin.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    /// <summary>
    /// What a proxy in front of the app sends: plain HTTP to the app with the public Host and X-Forwarded-* headers.
    /// Cookies are kept by hand: they are Secure (the client believes it talks HTTPS), which an
    /// <see cref="HttpClient"/> cookie container would not send over http://.
    /// </summary>
    private sealed class ProxiedClient(Uri root) : IDisposable
    {
        private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = root };
        private readonly Dictionary<string, string> _cookies = [];

        public string? ForwardedProto { get; init; }

        public string? ForwardedFor { get; init; }

        public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

        /// <summary>Fetches the sign-in form, keeps its hidden fields, posts it as a browser would.</summary>
        public async Task<HttpResponseMessage> SignInAsync(string email, string password)
        {
            using var form = await GetAsync("/account/signin");
            Assert.Equal(HttpStatusCode.OK, form.StatusCode);
            var fields = FormPoster.HiddenInputs(await form.Content.ReadAsStringAsync());
            fields["Input.Email"] = email;
            fields["Input.Password"] = password;
            return await SendAsync(new HttpRequestMessage(HttpMethod.Post, "/account/signin") { Content = new FormUrlEncodedContent(fields) });
        }

        private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
        {
            // The public name, which the proxy passes on (proxy_set_header Host $host).
            request.Headers.Host = "dashboard.example";
            if (ForwardedProto is not null)
            {
                request.Headers.Add("X-Forwarded-Proto", ForwardedProto);
            }
            if (ForwardedFor is not null)
            {
                request.Headers.Add("X-Forwarded-For", ForwardedFor);
            }
            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            }
            var response = await _http.SendAsync(request);
            foreach (var cookie in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = cookie.Split(';', 2)[0].Split('=', 2);
                _cookies[pair[0]] = pair[1];
            }
            request.Dispose();
            return response;
        }

        public void Dispose() => _http.Dispose();
    }
}
