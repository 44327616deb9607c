using System.Globalization;
using System.Text;
using Dashboard.Core.Messages;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Core.Activity;

/// <summary>
/// What the activity report shows. Lives in the page's URL query string, so a view can be
/// bookmarked and shared: <see cref="Parse"/> and <see cref="ToQueryString"/> round-trip, and
/// parsing never throws — an unknown or malformed value is ignored rather than failing the page.
/// </summary>
public sealed record ActivityFilter
{
    /// <summary>The filter a fresh page starts with: the last 7 days, everything.</summary>
    public static readonly ActivityFilter Default = new();

    /// <summary>Time window. Defaults to the last 7 days.</summary>
    public ActivityRange Range { get; init; } = ActivityRange.Last7Days;

    /// <summary>Custom range start (inclusive, UTC); null: from the beginning.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Custom range end (exclusive, UTC); null: up to now.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Any of these statuses; empty: all.</summary>
    public IReadOnlyList<MessageStatus> Statuses { get; init; } = [];

    /// <summary>The start of the recipient address (case-insensitive): "bob@" or the whole address.</summary>
    public string? Recipient { get; init; }

    /// <summary>Exact recipient domain, e.g. gmail.com.</summary>
    public string? RecipientDomain { get; init; }

    /// <summary>The start of the sender address (case-insensitive).</summary>
    public string? Sender { get; init; }

    /// <summary>Text the subject contains (case-insensitive).</summary>
    public string? Subject { get; init; }

    /// <summary>
    /// One search box: the start of a recipient, sender or Message-ID, or a whole public id.
    /// Prefixes rather than "contains" so it is answered from indexes (see docs/decisions).
    /// </summary>
    public string? Text { get; init; }

    /// <summary>How the messages came in (Send page, API, relay…); null: any.</summary>
    public MessageSource? Source { get; init; }

    /// <summary>One tag the messages carry (lower case); null: any.</summary>
    public string? Tag { get; init; }

    /// <summary>True when nothing narrows the default view.</summary>
    public bool IsEmpty => Equals(Default);

    /// <summary>The [from, to) window in UTC that this filter covers at <paramref name="now"/>.</summary>
    public (DateTimeOffset From, DateTimeOffset To) ResolveWindow(DateTimeOffset now) => Range switch
    {
        ActivityRange.Last24Hours => (now.AddHours(-24), DateTimeOffset.MaxValue),
        ActivityRange.Last30Days => (now.AddDays(-30), DateTimeOffset.MaxValue),
        ActivityRange.Custom => (From ?? DateTimeOffset.MinValue, To ?? DateTimeOffset.MaxValue),
        _ => (now.AddDays(-7), DateTimeOffset.MaxValue),
    };

    /// <summary>
    /// Trims text, lower-cases addresses and domains, drops blanks, sorts and de-duplicates statuses. A
    /// search for a domain ("gmail.com" or "@gmail.com") becomes the recipient-domain filter, since no
    /// address starts with a domain.
    /// </summary>
    public ActivityFilter Normalize()
    {
        var text = Clean(Text);
        var domain = Clean(RecipientDomain)?.TrimStart('@').ToLowerInvariant();
        if (text is not null && domain is null && AsDomain(text) is { } searched)
        {
            (text, domain) = (null, searched);
        }
        return NormalizeRest() with { Text = text, RecipientDomain = domain };
    }

    // "@example.com", or "example.com" whose last label is letters (a Message-ID prefix such as "1234.5678" is not).
    private static string? AsDomain(string text)
    {
        var candidate = text.StartsWith('@') ? text[1..] : text;
        var labels = candidate.Split('.');
        var looksLikeDomain = candidate.Length > 0 && !candidate.Contains('@') && labels.Length >= 2
            && labels.All(l => l.Length > 0 && l.All(c => char.IsLetterOrDigit(c) || c == '-'))
            && labels[^1].Length >= 2 && labels[^1].All(char.IsLetter);
        return looksLikeDomain ? candidate.ToLowerInvariant() : null;
    }

    private ActivityFilter NormalizeRest() => this with
    {
        From = Range == ActivityRange.Custom ? WholeSeconds(From) : null,
        To = Range == ActivityRange.Custom ? WholeSeconds(To) : null,
        Statuses = [.. Statuses.Distinct().Order()],
        Recipient = Clean(Recipient)?.ToLowerInvariant(),
        Sender = Clean(Sender),
        Subject = Clean(Subject),
        Tag = Clean(Tag)?.ToLowerInvariant(),
    };

    /// <summary>Reads a filter from a query string ("?a=b&amp;…" or "a=b&amp;…"); bad values are ignored.</summary>
    public static ActivityFilter Parse(string? queryString)
    {
        var query = QueryHelpers.ParseQuery(queryString);
        string? One(string key) => query.TryGetValue(key, out var values) ? values.LastOrDefault() : null;

        var range = One("range")?.ToLowerInvariant() switch
        {
            "24h" => ActivityRange.Last24Hours,
            "30d" => ActivityRange.Last30Days,
            "custom" => ActivityRange.Custom,
            _ => ActivityRange.Last7Days,
        };
        var statuses = new List<MessageStatus>();
        if (query.TryGetValue("status", out var statusValues))
        {
            foreach (var part in statusValues.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            {
                if (EnumNames.TryParse<MessageStatus>(part, out var status))
                {
                    statuses.Add(status);
                }
            }
        }

        return new ActivityFilter
        {
            Range = range,
            From = ParseTime(One("from")),
            To = ParseTime(One("to")),
            Statuses = statuses,
            Recipient = One("recipient"),
            RecipientDomain = One("domain"),
            Sender = One("sender"),
            Subject = One("subject"),
            Text = One("q"),
            Source = EnumNames.Parse<MessageSource>(One("source")),
            Tag = One("tag"),
        }.Normalize();
    }

    /// <summary>The query string for this filter, without "?"; empty for the default filter. Keys in a fixed order.</summary>
    public string ToQueryString()
    {
        var f = Normalize();
        var parts = new List<(string Key, string Value)>();
        var range = f.Range switch
        {
            ActivityRange.Last24Hours => "24h",
            ActivityRange.Last30Days => "30d",
            ActivityRange.Custom => "custom",
            _ => null,
        };
        if (range is not null) parts.Add(("range", range));
        if (f.From is { } from) parts.Add(("from", FormatTime(from)));
        if (f.To is { } to) parts.Add(("to", FormatTime(to)));
        if (f.Statuses.Count > 0) parts.Add(("status", string.Join(',', f.Statuses.Select(s => s.ToString().ToLowerInvariant()))));
        if (f.Recipient is { } recipient) parts.Add(("recipient", recipient));
        if (f.RecipientDomain is { } domain) parts.Add(("domain", domain));
        if (f.Sender is { } sender) parts.Add(("sender", sender));
        if (f.Subject is { } subject) parts.Add(("subject", subject));
        if (f.Text is { } text) parts.Add(("q", text));
        if (f.Source is { } source) parts.Add(("source", source.ToString().ToLowerInvariant()));
        if (f.Tag is { } tag) parts.Add(("tag", tag));
        return string.Join('&', parts.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
    }

    /// <inheritdoc />
    public bool Equals(ActivityFilter? other) =>
        other is not null
        && Range == other.Range && From == other.From && To == other.To
        && Statuses.SequenceEqual(other.Statuses)
        && Recipient == other.Recipient && RecipientDomain == other.RecipientDomain
        && Sender == other.Sender && Subject == other.Subject && Text == other.Text
        && Source == other.Source && Tag == other.Tag;

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(Range, From, To, string.Join(',', Statuses), Recipient, RecipientDomain, Sender, HashCode.Combine(Subject, Text, Source, Tag));

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(ToQueryString());
        return true;
    }

    // The URL carries seconds; anything finer would not survive the round trip.
    private static DateTimeOffset? WholeSeconds(DateTimeOffset? time) =>
        time is { } t ? new DateTimeOffset(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero) : null;

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateTimeOffset? ParseTime(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;

    // Whole UTC days print as dates, anything else as a round-trippable instant.
    private static string FormatTime(DateTimeOffset time) =>
        time.TimeOfDay == TimeSpan.Zero
            ? time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : time.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
