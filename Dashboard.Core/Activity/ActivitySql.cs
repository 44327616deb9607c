using System.Data.Common;
using Dashboard.Core.Data;
using Dashboard.Core.Messages;

namespace Dashboard.Core.Activity;

/// <summary>
/// Writes the activity list's SQL so that SQLite reads exactly one index in the wanted order and
/// stops after the page: we choose the "driving" condition (the most selective one, or the sort
/// column's) and hide every other column from the planner with unary <c>+</c>, which makes it a
/// plain row filter. Without statistics SQLite's own choice is a guess; this makes the plan
/// deterministic, and <see cref="ActivityQueryService.ExplainAsync"/> shows it. PostgreSQL keeps
/// statistics and plans by cost, so there every column stays visible and its planner chooses
/// (unary <c>+</c> does not even exist for text there); the rest of the text is the same.
/// Names are quoted: PostgreSQL folds unquoted names to lower case.
/// </summary>
internal sealed class ActivitySql
{
    internal const string Columns =
        "\"Id\", \"PublicId\", \"CreatedAt\", \"Status\", \"Recipient\", \"Sender\", \"Subject\", \"LastReplyCode\", \"LastEnhancedStatus\", \"LastResponse\", \"Reason\", \"IsHard\", \"MessageIdHeader\", \"Source\", \"Tags\"";

    private const string Messages = "\"Messages\"";
    private const string Id = "\"Id\"";
    private const string PublicId = "\"PublicId\"";
    private const string CreatedAt = "\"CreatedAt\"";
    private const string Status = "\"Status\"";
    private const string Recipient = "\"Recipient\"";
    private const string RecipientDomain = "\"RecipientDomain\"";
    private const string Sender = "\"Sender\"";
    private const string Subject = "\"Subject\"";
    private const string MessageIdHeader = "\"MessageIdHeader\"";
    private const string Source = "\"Source\"";
    private const string Tags = "\"Tags\"";

    // Rough share of all messages matching each kind of condition; only the order matters.
    private const double RecipientShare = 0.00001;
    private const double TextShare = 0.0001;
    private const double SenderShare = 0.2;
    private const double DomainShare = 0.2;
    private const double NarrowShare = 0.001;

    private readonly ActivityFilter _filter;
    private readonly DatabaseProvider _provider;
    private readonly long? _fromTicks;
    private readonly long? _toTicks;
    private readonly List<(string Name, object Value)> _parameters = [];

    private enum Driver { Time, Status, Recipient, Domain, Sender, Text }

    public ActivitySql(ActivityFilter filter, DateTimeOffset now, DatabaseProvider provider)
    {
        _filter = filter.Normalize();
        _provider = provider;
        var (from, to) = _filter.ResolveWindow(now);
        _fromTicks = from == DateTimeOffset.MinValue ? null : from.UtcTicks;
        _toTicks = to == DateTimeOffset.MaxValue ? null : to.UtcTicks;
    }

    public IReadOnlyList<(string Name, object Value)> Parameters => _parameters;

    /// <summary>
    /// A page: ordered, offset, limited. <paramref name="after"/> continues after a row (time order
    /// only). With <paramref name="scanLimit"/>, filters that no index serves are checked only
    /// against the first that many rows the driving index yields, so a rare match cannot turn a
    /// page into a scan of the whole range.
    /// </summary>
    public string Page(ActivitySort sort, bool descending, int offset, int limit, int? scanLimit, (long Ticks, long Id)? after = null)
    {
        if (after is not null && sort != ActivitySort.Time)
        {
            throw new ArgumentException("Continuing after a row needs time order.", nameof(after));
        }
        var driver = ChooseDriver(sort);
        var dir = descending ? "DESC" : "ASC";
        var order = sort switch
        {
            ActivitySort.Status => $"{Status} {dir}, {CreatedAt} {dir}, {Id} {dir}",
            ActivitySort.Recipient => $"{Recipient} {dir}, {CreatedAt} {dir}, {Id} {dir}",
            ActivitySort.Sender => $"{Sender} {dir}, {CreatedAt} {dir}, {Id} {dir}",
            _ => $"{CreatedAt} {dir}, {Id} {dir}",
        };
        var limitParam = Add("limit", limit);
        var offsetParam = Add("offset", offset);
        var scanParam = scanLimit is { } scan ? Add("scan", scan) : null;

        string Select((List<string> Seek, List<string> Residual) c, string take)
        {
            if (after is { } a) c.Seek.Add(AfterCondition(driver, a, descending));
            if (c.Residual.Count == 0 || scanParam is null)
            {
                return $"SELECT {Columns} FROM {Messages}{Where([.. c.Seek, .. c.Residual])} ORDER BY {order} LIMIT {take}";
            }
            if (sort == ActivitySort.Time && driver != Driver.Text)
            {
                // Bound the scan by time: the instant of the scanLimit-th row the index yields
                // (one index-only lookup, evaluated once), so the page still stops at its last row.
                var edge = $"(SELECT {CreatedAt} FROM {Messages}{Where(c.Seek)} ORDER BY {order} LIMIT 1 OFFSET {scanParam})";
                var bound = descending
                    ? $"{CreatedAt} >= coalesce({edge}, {Add("noEdge", long.MinValue)})"
                    : $"{CreatedAt} <= coalesce({edge}, {Add("noEdge", long.MaxValue)})";
                return $"SELECT {Columns} FROM {Messages}{Where([.. c.Seek, bound, .. c.Residual])} ORDER BY {order} LIMIT {take}";
            }
            return $"SELECT {Columns} FROM (SELECT {Columns}, {RecipientDomain} FROM {Messages}{Where(c.Seek)} ORDER BY {order} LIMIT {scanParam}) AS scanned"
                + $"{Where(c.Residual)} ORDER BY {order} LIMIT {take}";
        }

        // Several statuses in time order: one index range per status, each already in order and
        // cut at offset+limit, merged. A single IN would make SQLite sort every match.
        if (driver == Driver.Status && sort == ActivitySort.Time && _filter.Statuses.Count > 1)
        {
            var armLimit = Add("armLimit", offset + limit);
            var arms = _filter.Statuses.Select((status, i) => $"SELECT * FROM ({Select(Conditions(driver, Add("status", (int)status)), armLimit)}) AS arm{i}");
            return $"SELECT * FROM ({string.Join(" UNION ALL ", arms)}) AS arms ORDER BY {order} LIMIT {limitParam} OFFSET {offsetParam}";
        }
        return Select(Conditions(driver), $"{limitParam} OFFSET {offsetParam}");
    }

    /// <summary>
    /// Counts matches among at most <paramref name="indexCap"/> + 1 rows of the driving index, or
    /// <paramref name="residualCap"/> + 1 when some filter is checked row by row. Returns rows
    /// scanned, rows matched and the limit used; scanned above the limit means "at least".
    /// </summary>
    public string Count(int indexCap, int residualCap)
    {
        var driver = ChooseDriver(ActivitySort.Time);
        var (seek, residual) = Conditions(driver);
        var cap = residual.Count == 0 ? indexCap : residualCap;
        var matched = residual.Count == 0 ? "1" : $"CASE WHEN {string.Join(" AND ", residual)} THEN 1 ELSE 0 END";
        // Newest first, like the list, so "at least" counts the rows the list can show. Several
        // statuses are read status by status (ordering them would sort every match).
        var order = driver == Driver.Status && _filter.Statuses.Count > 1 ? "" : $" ORDER BY {CreatedAt} DESC";
        return $"SELECT count(*), coalesce(sum(matched), 0), {cap} FROM (SELECT {matched} AS matched FROM {Messages}{Where(seek)}{order} LIMIT {Add("scan", cap + 1)}) AS scanned";
    }

    public void Bind(DbCommand command)
    {
        foreach (var (name, value) in _parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
    }

    private Driver ChooseDriver(ActivitySort sort)
    {
        var candidates = new List<(Driver Driver, double Share)> { (Driver.Time, 1.0) };
        if (_filter.Recipient is not null) candidates.Add((Driver.Recipient, RecipientShare));
        if (_filter.Text is not null) candidates.Add((Driver.Text, TextShare));
        if (_filter.Sender is not null) candidates.Add((Driver.Sender, SenderShare));
        if (_filter.RecipientDomain is not null) candidates.Add((Driver.Domain, DomainShare));
        if (_filter.Statuses.Count > 0) candidates.Add((Driver.Status, _filter.Statuses.Sum(StatusShare)));
        var best = candidates.MinBy(c => c.Share);

        // A narrow condition wins whatever the order: sorting its few matches is cheap. Otherwise
        // read the index of the sort column, in order, and stop after the page.
        if (best.Share <= NarrowShare || sort == ActivitySort.Time)
        {
            return best.Driver;
        }
        return sort switch
        {
            ActivitySort.Status => Driver.Status,
            ActivitySort.Recipient => Driver.Recipient,
            _ => Driver.Sender,
        };
    }

    private static double StatusShare(MessageStatus status) => status switch
    {
        MessageStatus.Delivered => 0.93,
        MessageStatus.SoftBounced => 0.03,
        MessageStatus.HardBounced => 0.02,
        MessageStatus.Rejected => 0.01,
        _ => 0.005,
    };

    /// <summary>
    /// Every condition of the filter, split into what the driving index seeks (the time range and
    /// the driver's own column) and the rest, checked row by row. Only the driver's columns stay
    /// visible to the planner.
    /// </summary>
    private (List<string> Seek, List<string> Residual) Conditions(Driver driver, string? singleStatusParam = null)
    {
        var seek = new List<string>();
        var residual = new List<string>();
        void Put(Driver owner, string condition) => (driver == owner ? seek : residual).Add(condition);
        string Col(string column, Driver owner) => driver == owner ? column : Hide(column);

        // The time range rides along in every (X, CreatedAt) index; only the Text driver (a set of
        // row ids) looks it up per row.
        var createdAt = driver == Driver.Text ? Hide(CreatedAt) : CreatedAt;
        if (_fromTicks is { } from) seek.Add($"{createdAt} >= {Add("from", from)}");
        if (_toTicks is { } to) seek.Add($"{createdAt} < {Add("to", to)}");

        if (singleStatusParam is not null)
        {
            seek.Add($"{Status} = {singleStatusParam}");
        }
        else if (_filter.Statuses.Count > 0)
        {
            var names = _filter.Statuses.Select(s => Add("status", (int)s));
            Put(Driver.Status, $"{Col(Status, Driver.Status)} IN ({string.Join(", ", names)})");
        }
        // Recipient and sender are prefixes ("bob@" finds bob@ at every domain): a range on the same index.
        if (_filter.Recipient is { } recipient) Put(Driver.Recipient, Prefix(Col(Recipient, Driver.Recipient), "recipient", recipient));
        if (_filter.RecipientDomain is { } domain) Put(Driver.Domain, $"{Col(RecipientDomain, Driver.Domain)} = {Add("domain", domain)}");
        if (_filter.Sender is { } sender) Put(Driver.Sender, Prefix(Col(Sender, Driver.Sender), "sender", sender));
        if (_filter.Subject is { } subject) residual.Add($"{Subject} {Like} {Add("subject", "%" + EscapeLike(subject) + "%")} ESCAPE '\\'");
        if (_filter.Text is { } text) Put(Driver.Text, TextCondition(text, driver == Driver.Text));
        if (_filter.Source is { } source) residual.Add($"{Hide(Source)} = {Add("source", (int)source)}");
        // Tags are stored "a,b,c": wrapped in commas, one LIKE finds a whole tag.
        if (_filter.Tag is { } tag) residual.Add($"',' || {Tags} || ',' {Like} {Add("tag", "%," + EscapeLike(tag) + ",%")} ESCAPE '\\'");
        return (seek, residual);
    }

    // A whole address is matched exactly, so the (address, time) index still reads in time order;
    // only a partial one ("bob@", "news") is a range, sorted afterwards.
    private string Prefix(string column, string name, string value) =>
        IsWholeAddress(value)
            ? $"{column} = {Add(name, value)}"
            : $"{column} >= {Add(name, value)} AND {column} < {Add(name + "End", value + '\uffff')}";

    private static bool IsWholeAddress(string value)
    {
        var at = value.IndexOf('@');
        return at > 0 && value.IndexOf('.', at) > at + 1 && !value.EndsWith('.');
    }

    /// <summary>
    /// Free text: the start of a recipient or sender address, the start of a Message-ID, or a whole
    /// public id. Each is a range on its own index, so even "bob" costs only its matches.
    /// </summary>
    private string TextCondition(string text, bool drives)
    {
        var lower = text.ToLowerInvariant();
        var messageId = text.Trim('<', '>');
        var low = Add("text", lower);
        var high = Add("textEnd", lower + '\uffff');
        var idLow = Add("mid", messageId);
        var idHigh = Add("midEnd", messageId + '\uffff');
        var publicId = Add("publicId", text);
        if (drives)
        {
            return $"{Id} IN (SELECT {Id} FROM {Messages} WHERE {Recipient} >= {low} AND {Recipient} < {high}"
                + $" UNION SELECT {Id} FROM {Messages} WHERE {Sender} >= {low} AND {Sender} < {high}"
                + $" UNION SELECT {Id} FROM {Messages} WHERE {MessageIdHeader} >= {idLow} AND {MessageIdHeader} < {idHigh}"
                + $" UNION SELECT {Id} FROM {Messages} WHERE {PublicId} = {publicId})";
        }
        string recipient = Hide(Recipient), sender = Hide(Sender), header = Hide(MessageIdHeader);
        return $"(({recipient} >= {low} AND {recipient} < {high}) OR ({sender} >= {low} AND {sender} < {high})"
            + $" OR ({header} >= {idLow} AND {header} < {idHigh}) OR {Hide(PublicId)} = {publicId})";
    }

    // Keyset continuation: the first half is a plain range the index can seek to; the second only
    // breaks ties between rows of the same instant.
    private string AfterCondition(Driver driver, (long Ticks, long Id) after, bool descending)
    {
        var createdAt = driver == Driver.Text ? Hide(CreatedAt) : CreatedAt;
        var ticks = Add("afterTicks", after.Ticks);
        var id = Add("afterId", after.Id);
        return descending
            ? $"{createdAt} <= {ticks} AND ({createdAt} < {ticks} OR {Hide(Id)} < {id})"
            : $"{createdAt} >= {ticks} AND ({createdAt} > {ticks} OR {Hide(Id)} > {id})";
    }

    // SQLite: unary + makes a column a plain value, so no index on it is considered. PostgreSQL
    // plans from statistics: the column stays as it is.
    private string Hide(string column) => _provider == DatabaseProvider.Sqlite ? "+" + column : column;

    // SQLite's LIKE ignores ASCII case; PostgreSQL's does not, ILIKE does.
    private string Like => _provider == DatabaseProvider.Sqlite ? "LIKE" : "ILIKE";

    private static string Where(List<string> conditions) =>
        conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);

    private string Add(string name, object value)
    {
        var parameterName = $"@{name}{_parameters.Count}";
        _parameters.Add((parameterName, value));
        return parameterName;
    }

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
