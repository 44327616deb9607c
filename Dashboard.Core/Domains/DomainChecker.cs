using DnsClient;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Domains;

/// <summary>
/// Asks DNS what a sender domain publishes and judges each record against what we ask for: the DKIM
/// key (ours?), SPF (covers how mail leaves, within its 10-lookup limit), DMARC (a policy, and how
/// strong) and the bounce domain's MX. Reads only; <see cref="SenderDomainService"/> stores the result.
/// </summary>
public sealed class DomainChecker
{
    /// <summary>RFC 7208 4.6.4: an SPF evaluation may cause at most 10 DNS lookups.</summary>
    public const int SpfLookupLimit = 10;

    private readonly LookupClient _dns;
    private readonly DomainRecords _records;
    private readonly DomainOptions _options;

    public DomainChecker(IOptions<DomainOptions> options, DomainRecords records)
    {
        _options = options.Value;
        _records = records;
        var servers = _options.ParsedNameServers() ?? throw new OptionsValidationException(
            DomainOptions.Section, typeof(DomainOptions), ["Domains:NameServers must be addresses, e.g. 9.9.9.9 or 127.0.0.1:5353."]);
        var lookup = servers.Count == 0 ? new LookupClientOptions() : new LookupClientOptions([.. servers.Select(s => new NameServer(s))]);
        lookup.Timeout = TimeSpan.FromSeconds(_options.DnsTimeoutSeconds);
        lookup.Retries = 1;
        // A check on demand follows a change just made in DNS: never answer it from a cache.
        lookup.UseCache = false;
        lookup.ThrowDnsErrors = false;
        _dns = new LookupClient(lookup);
    }

    /// <summary>Checks every record of <paramref name="domain"/>.</summary>
    public async Task<DomainCheckResult> CheckAsync(SenderDomain domain, CancellationToken cancellationToken = default)
    {
        var dkim = await CheckDkimAsync(domain, cancellationToken);
        var (spf, lookups) = await CheckSpfAsync(domain.Name, cancellationToken);
        var (dmarc, policy) = await CheckDmarcAsync(domain.Name, cancellationToken);
        var mx = await CheckMxAsync(cancellationToken);
        return new DomainCheckResult(dkim, spf, dmarc, mx, lookups, policy);
    }

    private async Task<RecordCheck> CheckDkimAsync(SenderDomain domain, CancellationToken cancellationToken)
    {
        var name = DomainRecords.DkimName(domain);
        var (texts, failure) = await TxtAsync(name, cancellationToken);
        if (failure is not null)
        {
            return Check(RecordStatus.Missing, null, failure);
        }
        var key = texts.FirstOrDefault(t => Tags(t).ContainsKey("p"));
        if (key is null)
        {
            return Check(RecordStatus.Missing, texts.FirstOrDefault(), $"No DKIM key is published at {name}.");
        }
        var published = new string([.. Tags(key)["p"].Where(c => !char.IsWhiteSpace(c))]);
        return published == domain.PublicKey
            ? Check(RecordStatus.Found, key, "The published key is this domain's key.")
            : Check(RecordStatus.Wrong, key, published.Length == 0
                ? "The key published there is revoked (an empty p=)."
                : "The key published there is not the one the dashboard signs with: copy the record again.");
    }

    private async Task<(RecordCheck Check, int? Lookups)> CheckSpfAsync(string domain, CancellationToken cancellationToken)
    {
        var (texts, failure) = await TxtAsync(domain, cancellationToken);
        if (failure is not null)
        {
            return (Check(RecordStatus.Missing, null, failure), null);
        }
        var spf = texts.Where(IsSpf).ToList();
        if (spf.Count == 0)
        {
            return (Check(RecordStatus.Missing, null, $"{domain} publishes no SPF record (a TXT starting with v=spf1)."), null);
        }
        if (spf.Count > 1)
        {
            return (Check(RecordStatus.Wrong, string.Join(" | ", spf), $"{domain} publishes {spf.Count} SPF records; receivers treat that as an error (permerror). Merge them into one."), null);
        }
        var record = spf[0];
        var terms = Terms(record);
        var lookups = await CountLookupsAsync(terms, 0, new HashSet<string>(StringComparer.OrdinalIgnoreCase) { domain }, cancellationToken);
        if (lookups > SpfLookupLimit)
        {
            return (Check(RecordStatus.Wrong, record, $"The SPF record needs {lookups} DNS lookups; SPF allows {SpfLookupLimit}, past which receivers fail it (permerror). Flatten includes or drop unused ones."), lookups);
        }
        if (terms.Contains("+all") || terms.Contains("all"))
        {
            return (Check(RecordStatus.Wrong, record, "The SPF record ends in +all: it lets anyone send as the domain."), lookups);
        }
        var expected = _records.SpfMechanisms.Where(m => m != "mx" || (_options.SpfInclude is null && _options.SendingIps.Count == 0)).ToList();
        var uncovered = expected.Where(m => !terms.Contains(m) && !terms.Contains("+" + m)).ToList();
        if (uncovered.Count > 0)
        {
            return (Check(RecordStatus.Wrong, record, $"The SPF record does not cover how our mail leaves: add {string.Join(" ", uncovered)}."), lookups);
        }
        return (Check(RecordStatus.Found, record, $"Covers how mail leaves; {lookups} of {SpfLookupLimit} DNS lookups."), lookups);
    }

    private async Task<(RecordCheck Check, string? Policy)> CheckDmarcAsync(string domain, CancellationToken cancellationToken)
    {
        var name = $"_dmarc.{domain}";
        var (texts, failure) = await TxtAsync(name, cancellationToken);
        if (failure is not null)
        {
            return (Check(RecordStatus.Missing, null, failure), null);
        }
        var record = texts.FirstOrDefault(t => t.TrimStart().StartsWith("v=DMARC1", StringComparison.OrdinalIgnoreCase));
        if (record is null)
        {
            return (Check(RecordStatus.Missing, null, $"No DMARC record at {name}. Gmail and Yahoo require one from bulk senders."), null);
        }
        var tags = Tags(record);
        var policy = tags.GetValueOrDefault("p")?.ToLowerInvariant();
        if (policy is not ("none" or "quarantine" or "reject"))
        {
            return (Check(RecordStatus.Wrong, record, "The DMARC record has no valid policy (p=none, quarantine or reject)."), null);
        }
        var reports = tags.GetValueOrDefault("rua") is { } rua && rua.Contains(_records.DmarcAddress, StringComparison.OrdinalIgnoreCase)
            ? ""
            : $" Aggregate reports do not come to the dashboard: add mailto:{_records.DmarcAddress} to rua=.";
        var pct = tags.GetValueOrDefault("pct") is { } p && int.TryParse(p, out var n) ? n : 100;
        if (policy == "none")
        {
            return (Check(RecordStatus.Weak, record, "Policy none: receivers only report failing mail. Move to quarantine, then reject, once reports show all your mail aligns." + reports), policy);
        }
        if (pct < 100)
        {
            return (Check(RecordStatus.Weak, record, $"Policy {policy} applies to {pct}% of failing mail only." + reports), policy);
        }
        return (Check(RecordStatus.Found, record, $"Policy {policy}: receivers act on mail that fails." + reports), policy);
    }

    private async Task<RecordCheck> CheckMxAsync(CancellationToken cancellationToken)
    {
        var bounceDomain = _records.BounceDomain;
        var response = await _dns.QueryAsync(bounceDomain, QueryType.MX, cancellationToken: cancellationToken);
        if (response.HasError && response.Header.ResponseCode != DnsHeaderResponseCode.NotExistentDomain)
        {
            return Check(RecordStatus.Missing, null, $"DNS did not answer for {bounceDomain}: {response.ErrorMessage}.");
        }
        var hosts = response.Answers.MxRecords().Select(m => m.Exchange.Value.TrimEnd('.').ToLowerInvariant()).ToList();
        if (hosts.Count == 0)
        {
            return Check(RecordStatus.Missing, null, $"{bounceDomain} has no MX: bounces cannot reach the inbound listener.");
        }
        var found = string.Join(", ", hosts);
        var expected = _options.InboundHost?.Trim().TrimEnd('.').ToLowerInvariant();
        if (string.IsNullOrEmpty(expected))
        {
            return Check(RecordStatus.Found, found, "The bounce domain has an MX (set Domains:InboundHost to check that it names the inbound listener).");
        }
        return hosts.Contains(expected)
            ? Check(RecordStatus.Found, found, $"Bounces reach {expected}.")
            : Check(RecordStatus.Wrong, found, $"The bounce domain's MX does not name the inbound listener ({expected}).");
    }

    /// <summary>The DNS lookups an SPF record's terms cost, following include and redirect (RFC 7208 4.6.4).</summary>
    private async Task<int> CountLookupsAsync(IReadOnlyList<string> terms, int depth, HashSet<string> seen, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var raw in terms)
        {
            var term = raw.TrimStart('+', '-', '~', '?');
            string? target = null;
            if (term.StartsWith("include:", StringComparison.Ordinal))
            {
                target = term["include:".Length..];
            }
            else if (term.StartsWith("redirect=", StringComparison.Ordinal))
            {
                target = term["redirect=".Length..];
            }
            else if (!(Is(term, "a") || Is(term, "mx") || Is(term, "ptr") || term.StartsWith("exists:", StringComparison.Ordinal)))
            {
                continue;
            }
            count++;
            // Past the limit the answer is known; a loop of includes must not run forever.
            if (target is null || count > SpfLookupLimit || depth >= SpfLookupLimit || !seen.Add(target))
            {
                continue;
            }
            var (texts, _) = await TxtAsync(target, cancellationToken);
            if (texts.FirstOrDefault(IsSpf) is { } nested)
            {
                count += await CountLookupsAsync(Terms(nested), depth + 1, seen, cancellationToken);
            }
        }
        return count;
    }

    private static bool Is(string term, string mechanism) =>
        term == mechanism || term.StartsWith(mechanism + ":", StringComparison.Ordinal) || term.StartsWith(mechanism + "/", StringComparison.Ordinal);

    private static bool IsSpf(string text) =>
        text.Equals("v=spf1", StringComparison.OrdinalIgnoreCase) || text.StartsWith("v=spf1 ", StringComparison.OrdinalIgnoreCase);

    private static List<string> Terms(string spf) =>
        [.. spf.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1).Select(t => t.ToLowerInvariant())];

    /// <summary>"tag=value; tag=value" (DKIM and DMARC records).</summary>
    private static Dictionary<string, string> Tags(string record)
    {
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in record.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = part.IndexOf('=');
            if (at > 0)
            {
                tags.TryAdd(part[..at].Trim(), part[(at + 1)..].Trim());
            }
        }
        return tags;
    }

    /// <summary>The TXT records at <paramref name="name"/>, each one's strings joined; a failure when DNS did not answer.</summary>
    private async Task<(IReadOnlyList<string> Texts, string? Failure)> TxtAsync(string name, CancellationToken cancellationToken)
    {
        var response = await _dns.QueryAsync(name, QueryType.TXT, cancellationToken: cancellationToken);
        if (response.HasError && response.Header.ResponseCode != DnsHeaderResponseCode.NotExistentDomain)
        {
            return ([], $"DNS did not answer for {name}: {response.ErrorMessage}.");
        }
        return ([.. response.Answers.TxtRecords().Select(t => string.Concat(t.Text))], null);
    }

    private static RecordCheck Check(RecordStatus status, string? found, string detail) => new() { Status = status, Found = found, Detail = detail };
}

/// <summary>What one check found.</summary>
public sealed record DomainCheckResult(RecordCheck Dkim, RecordCheck Spf, RecordCheck Dmarc, RecordCheck Mx, int? SpfLookups, string? DmarcPolicy)
{
    /// <summary>
    /// Failing when DKIM or SPF is not as asked, or DMARC is missing or wrong. A DMARC policy of none
    /// is weak, not failing: it is where every domain starts.
    /// </summary>
    public DomainCheckState State =>
        Dkim.Status == RecordStatus.Found && Spf.Status == RecordStatus.Found && Dmarc.Status is RecordStatus.Found or RecordStatus.Weak
            ? DomainCheckState.Passing
            : DomainCheckState.Failing;

    /// <summary>What fails, in words ("DKIM missing, SPF wrong"); empty when passing.</summary>
    public string Failures => DescribeFailures(Dkim.Status, Spf.Status, Dmarc.Status);

    /// <summary>The records that are missing or wrong, in words ("DKIM missing, SPF wrong").</summary>
    public static string DescribeFailures(RecordStatus dkim, RecordStatus spf, RecordStatus dmarc) =>
        string.Join(", ", new[] { ("DKIM", dkim), ("SPF", spf), ("DMARC", dmarc) }
            .Where(x => x.Item2 is RecordStatus.Missing or RecordStatus.Wrong)
            .Select(x => $"{x.Item1} {x.Item2.ToString().ToLowerInvariant()}"));
}
