using System.Collections.Concurrent;
using System.Net;
using Dashboard.Core.Classification;
using Dashboard.Core.Smtp;
using DnsClient;
using DnsClient.Protocol;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Sending;

/// <summary>
/// Delivers to each recipient domain's own mail servers, as an MTA does (RFC 5321 §5): its MX hosts in
/// preference order, the domain itself when it publishes no MX, nothing for a null MX (RFC 7505).
/// A server that cannot be reached, or refuses the session at its greeting, sends the message on to
/// the next one; the first SMTP answer to the envelope is final (no retries: a bounce is a bounce).
/// A domain that does not exist or has no mail server is reported as such, which the classifier
/// files as a hard bounce (<c>hostunknown</c>); a DNS failure is a soft one.
/// </summary>
public sealed class DirectMxTransport : IMailTransport, IAsyncDisposable
{
    private readonly SendingOptions _options;
    private readonly TimeProvider _time;
    private readonly LookupClient _dns;
    private readonly System.Net.Security.RemoteCertificateValidationCallback? _certificateValidation;
    private readonly ConcurrentDictionary<(string Host, IPAddress Address), SmtpConnectionPool> _pools = new();
    private long _lastTrimTicks;

    public DirectMxTransport(IOptions<SendingOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        var direct = _options.DirectMx;
        var servers = direct.ParsedNameServers() ?? throw new OptionsValidationException(
            SendingOptions.Section, typeof(SendingOptions), ["Sending:DirectMx:NameServers must be addresses, e.g. 9.9.9.9 or 127.0.0.1:5353."]);
        var lookup = servers.Count == 0
            ? new LookupClientOptions()
            : new LookupClientOptions([.. servers.Select(s => new NameServer(s))]);
        lookup.Timeout = TimeSpan.FromSeconds(direct.DnsTimeoutSeconds);
        lookup.Retries = 1;
        lookup.UseCache = true;
        lookup.ThrowDnsErrors = false;
        _dns = new LookupClient(lookup);
        _certificateValidation = direct.RequireValidCertificates ? null : static (_, _, _, _) => true;
    }

    /// <inheritdoc />
    public string Name => "direct to MX";

    /// <inheritdoc />
    public bool IsRelay => false;

    /// <inheritdoc />
    public async Task SendAsync(OutgoingMessage message, Func<IReadOnlyList<RecipientReply>, Task> onReplies, CancellationToken cancellationToken)
    {
        await TrimIdleAsync();
        foreach (var domain in message.Recipients.GroupBy(DomainOf, StringComparer.OrdinalIgnoreCase))
        {
            await onReplies(await DeliverAsync(domain.Key, message with { Recipients = [.. domain] }, cancellationToken));
        }
    }

    private async Task<IReadOnlyList<RecipientReply>> DeliverAsync(string domain, OutgoingMessage message, CancellationToken cancellationToken)
    {
        var route = await RouteAsync(domain, cancellationToken);
        if (route.Failure is { } failure)
        {
            return [.. message.Recipients.Select(r => new RecipientReply(r, null, null, route.Problem!, null, failure, SmtpPhase.Connect))];
        }
        IReadOnlyList<RecipientReply> replies = [];
        var tried = new List<string>();
        foreach (var server in route.Servers)
        {
            var pool = _pools.GetOrAdd(server, key => new SmtpConnectionPool(
                new SmtpEndpoint(key.Host, _options.DirectMx.Port, SmtpTlsMode.Auto, Address: key.Address),
                _options.HeloName, maxIdle: 1, TimeSpan.FromSeconds(_options.TimeoutSeconds), _time, _certificateValidation));
            replies = await SmtpDelivery.SendAsync(pool, message, cleanText: null, cancellationToken);
            tried.Add($"{server.Host} [{server.Address}]");
            // Any answer to the envelope is final; no session at all (refused, timed out, 4xx/5xx
            // greeting, TLS failure) means the next mail server of the domain is asked.
            if (!replies.All(r => r.Failure is not null))
            {
                return replies;
            }
        }
        return tried.Count > 1
            ? [.. replies.Select(r => r with { Text = $"{r.Text} (no mail server of {domain} took the session; tried {string.Join(", ", tried)})" })]
            : replies;
    }

    /// <summary>Idle connections held to mail servers now (one at most per server address).</summary>
    internal int IdleConnections => _pools.Values.Sum(p => p.IdleCount);

    /// <summary>
    /// At most once a minute, closes idle connections gone stale. There is a pool per mail server
    /// address, and a domain mailed once would otherwise keep its socket until shutdown.
    /// </summary>
    private async Task TrimIdleAsync()
    {
        var now = _time.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastTrimTicks);
        if (now - last < TimeSpan.TicksPerMinute || Interlocked.CompareExchange(ref _lastTrimTicks, now, last) != last)
        {
            return;
        }
        foreach (var pool in _pools.Values)
        {
            await pool.TrimAsync();
        }
    }

    /// <summary>The servers to try, in order, or why there are none.</summary>
    private async Task<Route> RouteAsync(string domain, CancellationToken cancellationToken)
    {
        if (domain.StartsWith('[') && domain.EndsWith(']'))
        {
            // An address literal (user@[192.0.2.1], user@[IPv6:2001:db8::1]): that host and no other.
            var text = domain[1..^1];
            text = text.StartsWith("IPv6:", StringComparison.OrdinalIgnoreCase) ? text[5..] : text;
            return IPAddress.TryParse(text, out var literal)
                ? new Route([(literal.ToString(), literal)])
                : Route.None(ConnectionFailure.NoMailServer, $"{domain} is not an address.");
        }
        var (mx, error) = await QueryAsync(domain, QueryType.MX, cancellationToken);
        if (mx?.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain)
        {
            return Route.None(ConnectionFailure.DomainNotFound, $"The domain {domain} does not exist (DNS answered NXDOMAIN for its MX records).");
        }
        if (mx is null || mx.HasError)
        {
            return Route.None(ConnectionFailure.NetworkError, $"Looking up the mail servers of {domain} failed: {error ?? mx!.ErrorMessage}.");
        }
        var records = mx.Answers.MxRecords().OrderBy(r => r.Preference).ToList();
        if (records.Count > 0 && records.All(r => r.Exchange.Value is "." or ""))
        {
            return Route.None(ConnectionFailure.NoMailServer, $"The domain {domain} accepts no mail: it publishes a null MX (RFC 7505).");
        }
        var hosts = records.Count > 0
            ? records.Select(r => r.Exchange.Value.TrimEnd('.')).Where(h => h.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Take(_options.DirectMx.MaxMxHosts).ToList()
            : [domain];
        var servers = new List<(string, IPAddress)>();
        var lookupFailed = false;
        foreach (var host in hosts)
        {
            foreach (var type in new[] { QueryType.A, QueryType.AAAA })
            {
                var (answer, _) = await QueryAsync(host, type, cancellationToken);
                lookupFailed |= answer is null || answer.HasError && answer.Header.ResponseCode != DnsHeaderResponseCode.NotExistentDomain;
                servers.AddRange(answer?.Answers.OfType<AddressRecord>().Select(a => (host, a.Address)) ?? []);
            }
        }
        if (servers.Count > 0)
        {
            return new Route(servers);
        }
        if (lookupFailed)
        {
            return Route.None(ConnectionFailure.NetworkError, $"Looking up the addresses of the mail servers of {domain} ({string.Join(", ", hosts)}) failed.");
        }
        return Route.None(ConnectionFailure.NoMailServer, records.Count > 0
            ? $"The mail servers of {domain} ({string.Join(", ", hosts)}) have no address."
            : $"The domain {domain} has no mail server: no MX record and no address.");
    }

    /// <summary>The answer, or why there was none (every name server timed out or failed).</summary>
    private async Task<(IDnsQueryResponse? Response, string? Error)> QueryAsync(string name, QueryType type, CancellationToken cancellationToken)
    {
        try
        {
            return (await _dns.QueryAsync(name, type, cancellationToken: cancellationToken), null);
        }
        catch (DnsResponseException ex)
        {
            return (null, ex.Message);
        }
        catch (ArgumentException ex)
        {
            // Not a name DNS can ask about (an empty label, a label over 63 characters).
            return (null, ex.Message);
        }
    }

    private static string DomainOf(string address)
    {
        var at = address.LastIndexOf('@');
        return at >= 0 ? address[(at + 1)..] : address;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var pool in _pools.Values)
        {
            await pool.DisposeAsync();
        }
        _pools.Clear();
    }

    private sealed record Route(IReadOnlyList<(string Host, IPAddress Address)> Servers, ConnectionFailure? Failure = null, string? Problem = null)
    {
        public static Route None(ConnectionFailure failure, string problem) => new([], failure, problem);
    }
}
