using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Dashboard.Core.Activity;

/// <summary>
/// The activity report's reads: one page of messages, a capped count, a message's detail and
/// content, and a streamed walk over every match for export. Pages and counts are bounded: each
/// reads one index in order and stops, so their cost does not grow with the table.
/// </summary>
public sealed class ActivityQueryService(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider time)
{
    /// <summary>How far the list can be paged and counted; past it, the user narrows the filter or exports.</summary>
    public const int BrowseLimit = 10_000;

    /// <summary>
    /// How many rows of the driving index a filter that no index serves (subject, or a second filter
    /// beside the most selective one) is checked against, newest first. It bounds the cost of a rare
    /// match; past it the count says "at least".
    /// </summary>
    public const int ResidualScanLimit = 5_000;

    /// <summary>The most of a message's raw source shown on the page.</summary>
    public const int SourceDisplayLimit = 256 * 1024;

    private const int StreamBatchSize = 1_000;

    /// <summary>One page of rows for <paramref name="request"/>.</summary>
    public async Task<IReadOnlyList<ActivityRow>> ListAsync(ActivityPageRequest request, CancellationToken cancellationToken = default)
    {
        var pageSize = Math.Clamp(request.PageSize, 1, 500);
        var offset = Math.Clamp(request.Offset, 0, Math.Max(0, BrowseLimit - pageSize));
        var now = time.GetUtcNow();
        return await ReadRowsAsync(provider => new ActivitySql(request.Filter, now, provider),
            sql => sql.Page(request.Sort, request.Descending, offset, pageSize, ResidualScanLimit), cancellationToken);
    }

    /// <summary>How many messages match, counted up to <see cref="BrowseLimit"/>.</summary>
    public async Task<ActivityCount> CountAsync(ActivityFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sql = new ActivitySql(filter, time.GetUtcNow(), db.Provider);
        var text = sql.Count(BrowseLimit, ResidualScanLimit);
        await using var command = await CreateCommandAsync(db, sql, text, cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        // Counts are 64-bit on PostgreSQL; Convert reads either engine's integer.
        var scanned = Convert.ToInt64(reader.GetValue(0));
        var scanLimit = Convert.ToInt64(reader.GetValue(2));
        var matched = (int)Math.Min(Convert.ToInt64(reader.GetValue(1)), BrowseLimit);
        return new ActivityCount(matched, scanned > scanLimit);
    }

    /// <summary>
    /// Every match, newest first, read in batches that continue after the last row (keyset), so
    /// any number of rows streams with one batch in memory and no long-held read transaction.
    /// </summary>
    public async IAsyncEnumerable<ActivityRow> StreamAsync(ActivityFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Fix "now" once so a relative range does not slide while the export runs.
        var now = time.GetUtcNow();
        (long Ticks, long Id)? after = null;
        while (true)
        {
            var from = after;
            // No scan limit: an export walks the whole range, however rare the matches.
            var batch = await ReadRowsAsync(provider => new ActivitySql(filter, now, provider),
                sql => sql.Page(ActivitySort.Time, descending: true, offset: 0, StreamBatchSize, scanLimit: null, from), cancellationToken);
            foreach (var row in batch)
            {
                yield return row;
            }
            if (batch.Count < StreamBatchSize)
            {
                yield break;
            }
            after = (batch[^1].CreatedAt.UtcTicks, batch[^1].Id);
        }
    }

    /// <summary>
    /// Up to <paramref name="limit"/> matches, newest first, after the row <paramref name="after"/>
    /// (its time and id; null: from the newest): keyset pages for the API's cursor.
    /// </summary>
    public async Task<IReadOnlyList<ActivityRow>> ListAfterAsync(ActivityFilter filter, (DateTimeOffset CreatedAt, long Id)? after, int limit, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        return await ReadRowsAsync(provider => new ActivitySql(filter, now, provider),
            sql => sql.Page(ActivitySort.Time, descending: true, offset: 0, Math.Clamp(limit, 1, 500), ResidualScanLimit,
                after is { } a ? (a.CreatedAt.UtcTicks, a.Id) : null), cancellationToken);
    }

    /// <summary>The engine's plan for the page query of <paramref name="request"/>, one step per line.</summary>
    public async Task<string> ExplainAsync(ActivityPageRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sql = new ActivitySql(request.Filter, time.GetUtcNow(), db.Provider);
        var page = sql.Page(request.Sort, request.Descending, request.Offset, request.PageSize, ResidualScanLimit);
        // SQLite's plan is four columns, the step in the last; PostgreSQL's one line per row.
        var (text, column) = db.Provider == DatabaseProvider.Sqlite ? ("EXPLAIN QUERY PLAN " + page, 3) : ("EXPLAIN " + page, 0);
        await using var command = await CreateCommandAsync(db, sql, text, cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var plan = new StringBuilder();
        while (await reader.ReadAsync(cancellationToken))
        {
            plan.AppendLine(reader.GetString(column));
        }
        return plan.ToString();
    }

    /// <summary>The message with public id <paramref name="publicId"/> and its timeline; null if there is none.</summary>
    public async Task<MessageDetail?> GetDetailAsync(string publicId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var message = await db.Messages.AsNoTracking()
            .Where(m => m.PublicId == publicId)
            .Select(m => new
            {
                m.Id, m.PublicId, m.Status, m.Recipient, m.Sender, m.Subject, m.MessageIdHeader, m.SizeBytes, m.Source,
                m.SubmittedBy, m.CreatedAt, m.UpdatedAt, m.BouncedAfterDelivery, m.LastReplyCode, m.LastEnhancedStatus,
                m.Reason, m.IsHard, m.ContentId, m.ResendOfId, m.Tags, m.DkimDomain, m.DkimSelector,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (message is null)
        {
            return null;
        }

        var events = await db.MessageEvents.AsNoTracking()
            .Where(e => e.MessageId == message.Id)
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
        var suppressionIds = events.Where(e => e.SuppressionId is not null).Select(e => e.SuppressionId!.Value).Distinct().ToList();
        var suppressions = await db.Suppressions.AsNoTracking()
            .Where(s => suppressionIds.Contains(s.Id))
            .Select(s => new SuppressionSummary(s.Id, s.Value, s.Scope, s.Reason, s.CreatedAt, s.ExpiresAt, s.RemovedAt, s.Note, s.RemovedBy, s.RemovalReason))
            .ToDictionaryAsync(s => s.Id, cancellationToken);
        var resendOf = message.ResendOfId is { } originalId
            ? await db.Messages.AsNoTracking().Where(m => m.Id == originalId)
                .Select(m => new MessageLink(m.PublicId, m.CreatedAt, m.Status)).SingleOrDefaultAsync(cancellationToken)
            : null;
        var resentAs = await db.Messages.AsNoTracking()
            .Where(m => m.ResendOfId == message.Id)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .Select(m => new MessageLink(m.PublicId, m.CreatedAt, m.Status))
            .ToListAsync(cancellationToken);

        var timeline = events.Select(e => new TimelineEvent(
            e.Id, e.OccurredAt, e.Type, e.ReplyCode, e.EnhancedStatus, e.Response, e.RemoteHost, e.Reason, e.IsHard,
            e.Rule, e.Evidence, e.Advice, e.Detail, e.Actor,
            e.SuppressionId is { } sid && suppressions.TryGetValue(sid, out var suppression) ? suppression : null)).ToList();

        return new MessageDetail(
            message.Id, message.PublicId, message.Status, message.Recipient, message.Sender, message.Subject,
            message.MessageIdHeader, message.SizeBytes, message.Source, DescribeSubmitter(message.SubmittedBy, message.Source),
            message.CreatedAt, message.UpdatedAt, message.BouncedAfterDelivery, message.LastReplyCode,
            message.LastEnhancedStatus, message.Reason, message.IsHard, message.ContentId is not null,
            resendOf, resentAs, timeline)
        {
            Tags = Submissions.Tags.Split(message.Tags),
            DkimDomain = message.DkimDomain,
            DkimSelector = message.DkimSelector,
        };
    }

    /// <summary>The stored MIME of the message, taken apart; null when the message or its content is missing.</summary>
    public async Task<StoredContent?> GetContentAsync(string publicId, CancellationToken cancellationToken = default)
    {
        var mime = await GetMimeAsync(publicId, cancellationToken);
        if (mime is null)
        {
            return null;
        }
        using var message = await MimeMessage.LoadAsync(new MemoryStream(mime), cancellationToken);
        var headers = message.Headers.Select(h => new KeyValuePair<string, string>(h.Field, h.Value)).ToList();
        // Latin-1 maps every byte to one character, so any raw source shows without decoding errors.
        var truncated = mime.Length > SourceDisplayLimit;
        var source = Encoding.Latin1.GetString(mime, 0, Math.Min(mime.Length, SourceDisplayLimit));
        return new StoredContent(headers, message.TextBody, message.HtmlBody, source, truncated, mime.Length);
    }

    /// <summary>The raw stored MIME bytes of the message, or null.</summary>
    public async Task<byte[]?> GetMimeAsync(string publicId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.Messages.AsNoTracking()
            .Where(m => m.PublicId == publicId && m.Content != null)
            .Select(m => new { m.Headers, m.Content!.Mime })
            .SingleOrDefaultAsync(cancellationToken);
        return stored is null ? null : RecipientCopies.Join(stored.Headers, stored.Mime);
    }

    /// <summary>A request that repeats the stored message: same sender, recipient, subject and bodies, linked to it.</summary>
    /// <exception cref="InvalidOperationException">The message or its stored content does not exist.</exception>
    public async Task<SendRequest> BuildResendRequestAsync(string publicId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var message = await db.Messages.AsNoTracking()
            .Where(m => m.PublicId == publicId)
            .Select(m => new { m.Id, m.Sender, m.Recipient, m.Subject })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException($"There is no message {publicId}.");
        var mime = await GetMimeAsync(publicId, cancellationToken)
            ?? throw new InvalidOperationException("The message's content was not stored, so it cannot be re-sent.");
        using var parsed = await MimeMessage.LoadAsync(new MemoryStream(mime), cancellationToken);
        return new SendRequest(message.Sender, [message.Recipient], message.Subject, parsed.TextBody, parsed.HtmlBody, MessageSource.Resend)
        {
            ResendOfId = message.Id,
        };
    }

    private static string DescribeSubmitter(string? submittedBy, MessageSource source) =>
        !string.IsNullOrWhiteSpace(submittedBy) ? submittedBy : source switch
        {
            MessageSource.Api => "API",
            MessageSource.Demo => "demo",
            MessageSource.Relay => "relay",
            _ => "unknown",
        };

    private async Task<IReadOnlyList<ActivityRow>> ReadRowsAsync(Func<DatabaseProvider, ActivitySql> create, Func<ActivitySql, string> write, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sql = create(db.Provider);
        var text = write(sql);
        await using var command = await CreateCommandAsync(db, sql, text, cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<ActivityRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new ActivityRow(
                reader.GetInt64(0),
                reader.GetString(1),
                new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero),
                (MessageStatus)reader.GetInt32(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetInt32(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.IsDBNull(10) ? null : reader.GetString(10),
                reader.IsDBNull(11) ? null : reader.GetBoolean(11),
                reader.IsDBNull(12) ? null : reader.GetString(12),
                (MessageSource)reader.GetInt32(13),
                Submissions.Tags.Split(reader.IsDBNull(14) ? null : reader.GetString(14))));
        }
        return rows;
    }

    // Raw SQL on the context's own connection: the query shape (which index, which order) is the
    // point of this service, and LINQ would not let us pin it.
    private static async Task<DbCommand> CreateCommandAsync(DashboardDbContext db, ActivitySql sql, string text, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = text;
        sql.Bind(command);
        return command;
    }
}
