using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dashboard.Core;
using Dashboard.Core.Activity;
using Dashboard.Core.Data;
using Dashboard.Core.Domains;
using Dashboard.Core.Integrations;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Dashboard.Core.Submissions;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Api.V1;

/// <summary><c>POST/GET /api/v1/messages</c> and <c>GET /api/v1/messages/{id}</c>.</summary>
internal static class MessagesApi
{
    private const int MaxIdempotencyKeyLength = 255;

    public static void MapMessagesApi(this RouteGroupBuilder v1)
    {
        v1.MapPost("/messages", SubmitAsync).RequireScope(ApiScope.Send)
            .WithName("SendMessage")
            .WithSummary("Send a message to one or more recipients")
            .WithDescription("Stores one message per recipient (to, cc and bcc) before answering 202, then sends them. A suppressed recipient is recorded as rejected, not sent. With an Idempotency-Key header a retried request gets the first answer and sends nothing twice.")
            .Accepts<ApiMessage>("application/json")
            .Produces<SubmitResponse>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        v1.MapGet("/messages", ListAsync).RequireScope(ApiScope.Read)
            .WithName("ListMessages")
            .WithSummary("List messages, newest first")
            .WithDescription("Filters as on the Activity page: status (comma-separated), recipient, domain, sender, subject, q, range (24h, 7d, 30d, custom with from/to), source (ui, api, relay, demo, resend), tag. Pages with limit (1-500, default 50) and the cursor from next_cursor.")
            .Produces<MessageListResponse>()
            .ProducesValidationProblem();
        v1.MapGet("/messages/{id}", GetAsync).RequireScope(ApiScope.Read)
            .WithName("GetMessage")
            .WithSummary("One message with every event of its timeline")
            .Produces<MessageResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> SubmitAsync(
        HttpContext context, SubmissionService submissions, IDbContextFactory<DashboardDbContext> dbFactory,
        IOptions<SendingOptions> sending, IOptions<JsonOptions> json, TimeProvider time, DkimSigning dkim)
    {
        var keyId = KeyId(context.User);
        var idempotencyKey = context.Request.Headers["Idempotency-Key"].ToString();
        if (idempotencyKey.Length > MaxIdempotencyKeyLength || idempotencyKey.Any(char.IsControl))
        {
            return ApiProblems.Invalid("Idempotency-Key", $"The Idempotency-Key header must be one line of at most {MaxIdempotencyKeyLength} characters.");
        }
        // Base64 grows attachments by a third; the built message is checked against the limit itself.
        var body = await ApiBody.ReadAsync<ApiMessage>(context, sending.Value.MaxMessageBytes * 4L / 3 + 1024 * 1024);
        if (body.Problem is not null)
        {
            return body.Problem;
        }
        var requestHash = SHA256.HashData(body.Bytes);
        if (idempotencyKey.Length > 0 && await FirstAnswerAsync(dbFactory, keyId, idempotencyKey, requestHash, context.RequestAborted) is { } replay)
        {
            return replay;
        }

        Submission submission;
        try
        {
            submission = ApiMessageBuilder.Build(body.Value!, context.User.Identity!.Name!, sending.Value, time.GetUtcNow());
        }
        catch (ApiValidationException ex)
        {
            return ApiProblems.Invalid(ex.Field, ex.Message);
        }
        var sender = await dkim.StatusOfAsync(submission.EnvelopeFrom, context.RequestAborted);
        IReadOnlyList<string> warnings = sender.Warning is { } warning ? [warning] : [];
        try
        {
            var stored = await submissions.SubmitAsync(submission, idempotencyKey.Length == 0 ? null : answer => new IdempotencyRecord
            {
                ApiKeyId = keyId,
                Key = idempotencyKey,
                RequestHash = requestHash,
                Response = JsonSerializer.Serialize(ToResponse(answer, warnings), json.Value.SerializerOptions),
                CreatedAt = time.GetUtcNow(),
            }, context.RequestAborted);
            return Results.Json(ToResponse(stored, warnings), json.Value.SerializerOptions, statusCode: StatusCodes.Status202Accepted);
        }
        catch (UnverifiedSenderException ex)
        {
            return ApiProblems.Invalid("from", ex.Message);
        }
        catch (SubmissionNotStoredException)
        {
            // A concurrent retry with the same key may have won the unique index: answer as it did.
            if (idempotencyKey.Length > 0 && await FirstAnswerAsync(dbFactory, keyId, idempotencyKey, requestHash, context.RequestAborted) is { } replay2)
            {
                return replay2;
            }
            context.Response.Headers.RetryAfter = "5";
            return ApiProblems.Status(StatusCodes.Status503ServiceUnavailable, "Not stored", "The message could not be stored and nothing of it was kept; try again.");
        }
    }

    private static async Task<IResult?> FirstAnswerAsync(
        IDbContextFactory<DashboardDbContext> dbFactory, long keyId, string key, byte[] requestHash, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.ApiKeyId == keyId && r.Key == key, cancellationToken);
        if (record is null)
        {
            return null;
        }
        if (!record.RequestHash.AsSpan().SequenceEqual(requestHash))
        {
            return ApiProblems.Status(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
                "This Idempotency-Key was used with a different request body; use a new key for a new message.");
        }
        return new ReplayedAnswer(record.Response);
    }

    private static async Task<IResult> ListAsync(HttpContext context, ActivityQueryService queries, IOptions<JsonOptions> json)
    {
        var query = context.Request.Query;
        var statuses = new List<MessageStatus>();
        foreach (var value in query["status"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            // snake_case as the API writes them (soft_bounced).
            if (!EnumNames.TryParse<MessageStatus>(value.Replace("_", "", StringComparison.Ordinal), out var status))
            {
                return ApiProblems.Invalid("status", $"\"{value}\" is not a status: use {string.Join(", ", Enum.GetNames<MessageStatus>().Select(Snake))}.");
            }
            statuses.Add(status);
        }
        if (query["source"].ToString() is { Length: > 0 } source && !EnumNames.TryParse<MessageSource>(source, out _))
        {
            return ApiProblems.Invalid("source", $"\"{source}\" is not a source: use {string.Join(", ", Enum.GetNames<MessageSource>().Select(Snake))}.");
        }
        foreach (var name in new[] { "from", "to" })
        {
            if (query[name].ToString() is { Length: > 0 } t && !DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
            {
                return ApiProblems.Invalid(name, $"\"{t}\" is not a date or time (use ISO 8601, e.g. 2026-11-29 or 2026-11-29T08:00:00Z).");
            }
        }
        var limit = 50;
        if (query["limit"].ToString() is { Length: > 0 } l && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 500))
        {
            return ApiProblems.Invalid("limit", "limit must be a whole number from 1 to 500.");
        }
        (DateTimeOffset, long)? after = null;
        if (query["cursor"].ToString() is { Length: > 0 } cursor)
        {
            if (Cursor.Parse(cursor) is not { } position)
            {
                return ApiProblems.Invalid("cursor", "The cursor is not one this API gave out; use next_cursor from a previous page.");
            }
            after = position;
        }
        var filter = (ActivityFilter.Parse(context.Request.QueryString.Value) with { Statuses = statuses }).Normalize();
        var rows = await queries.ListAfterAsync(filter, after, limit + 1, context.RequestAborted);
        var next = rows.Count > limit ? Cursor.Format(rows[limit - 1].CreatedAt, rows[limit - 1].Id) : null;
        var data = rows.Take(limit).Select(r => new MessageSummary(
            r.PublicId, r.CreatedAt, r.Status, r.Sender, r.Recipient, r.Subject, r.ReplyCode, r.EnhancedStatus, r.Response,
            r.Reason, r.IsHard, r.MessageIdHeader, r.Source, r.Tags ?? [])).ToList();
        return Results.Json(new MessageListResponse(data, next), json.Value.SerializerOptions);
    }

    private static async Task<IResult> GetAsync(string id, ActivityQueryService queries, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var detail = await queries.GetDetailAsync(id, cancellationToken);
        if (detail is null)
        {
            return ApiProblems.Status(StatusCodes.Status404NotFound, "No such message", $"There is no message with the id \"{id}\".");
        }
        var events = detail.Events.Select(e => new EventResponse(
            e.OccurredAt, e.Type, e.ReplyCode, e.EnhancedStatus, e.Response, e.RemoteHost, e.Reason, e.IsHard, e.Rule, e.Evidence, e.Advice, e.Detail)).ToList();
        return Results.Json(new MessageResponse(
            detail.PublicId, detail.CreatedAt, detail.Status, detail.Sender, detail.Recipient, detail.Subject, detail.MessageIdHeader,
            detail.SizeBytes, detail.Source, detail.SubmittedBy, detail.Tags, detail.LastReplyCode, detail.LastEnhancedStatus, detail.Reason,
            detail.IsHard, detail.BouncedAfterDelivery, detail.DkimDomain, detail.DkimSelector, events), json.Value.SerializerOptions);
    }

    private static SubmitResponse ToResponse(IReadOnlyList<SubmittedRecipient> stored, IReadOnlyList<string> warnings) =>
        new([.. stored.Select(s => new SubmittedMessage(s.Id, s.Recipient, s.Status, s.RejectedBecause))], warnings);

    private static long KeyId(ClaimsPrincipal user) =>
        long.Parse(user.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)!.Value, CultureInfo.InvariantCulture);

    private static string Snake(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    /// <summary>The stored first answer, replayed as it was (202, marked as a replay).</summary>
    private sealed class ReplayedAnswer(string json) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status202Accepted;
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            httpContext.Response.Headers["Idempotent-Replayed"] = "true";
            return httpContext.Response.WriteAsync(json, Encoding.UTF8);
        }
    }

    /// <summary>Keyset cursor: the last row's time and row id, opaque to clients.</summary>
    private static class Cursor
    {
        public static string Format(DateTimeOffset createdAt, long id) =>
            Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(Encoding.ASCII.GetBytes(
                string.Create(CultureInfo.InvariantCulture, $"{createdAt.UtcTicks}.{id}")));

        public static (DateTimeOffset, long)? Parse(string cursor)
        {
            try
            {
                var text = Encoding.ASCII.GetString(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(cursor));
                return text.Split('.') is [var t, var i]
                    && long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                    && long.TryParse(i, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                    && ticks <= DateTimeOffset.MaxValue.UtcTicks
                    ? (new DateTimeOffset(ticks, TimeSpan.Zero), id)
                    : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}

/// <summary>The answer to <c>POST /api/v1/messages</c>: one entry per recipient, and what to fix (an unverified sender domain).</summary>
internal sealed record SubmitResponse(IReadOnlyList<SubmittedMessage> Messages, IReadOnlyList<string> Warnings);

/// <summary>One recipient's message: its id, and queued, or rejected with the suppression that blocks it.</summary>
internal sealed record SubmittedMessage(string Id, string To, MessageStatus Status, string? Reason);

/// <summary>A page of messages and the cursor of the next (null on the last page).</summary>
internal sealed record MessageListResponse(IReadOnlyList<MessageSummary> Data, string? NextCursor);

internal sealed record MessageSummary(
    string Id, DateTimeOffset CreatedAt, MessageStatus Status, string From, string To, string Subject, int? ReplyCode,
    string? EnhancedStatus, string? Response, string? Reason, bool? Hard, string? MessageId, MessageSource Source, IReadOnlyList<string> Tags);

internal sealed record MessageResponse(
    string Id, DateTimeOffset CreatedAt, MessageStatus Status, string From, string To, string Subject, string? MessageId,
    int SizeBytes, MessageSource Source, string SubmittedBy, IReadOnlyList<string> Tags, int? ReplyCode, string? EnhancedStatus,
    string? Reason, bool? Hard, bool BouncedAfterDelivery, string? DkimDomain, string? DkimSelector, IReadOnlyList<EventResponse> Events);

/// <summary>One timeline event with the server's full response, the reason, hard/soft and the rule that matched.</summary>
internal sealed record EventResponse(
    DateTimeOffset At, MessageEventType Type, int? ReplyCode, string? EnhancedStatus, string? Response, string? RemoteHost,
    string? Reason, bool? Hard, string? Rule, string? Evidence, string? Advice, string? Detail);
