using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Dashboard.Api.V1;

/// <summary>
/// Reads a JSON body with a size limit and turns every failure into a problem naming the field:
/// 413 over the limit, 400 for malformed JSON, a wrong type or an unknown field.
/// </summary>
internal static class ApiBody
{
    public sealed record Read<T>(T? Value, byte[] Bytes, IResult? Problem);

    public static async Task<Read<T>> ReadAsync<T>(HttpContext context, long limit) where T : class
    {
        if (context.Request.ContentLength > limit)
        {
            return new(null, [], TooLarge(limit));
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return new(null, [], TooLarge(limit));
            }
            buffer.Write(chunk, 0, read);
        }
        var bytes = buffer.ToArray();
        if (!(context.Request.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return new(null, bytes, ApiProblems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the body as application/json."));
        }
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = JsonSerializer.Deserialize<T>(bytes, options);
            return value is null
                ? new(null, bytes, ApiProblems.Invalid("$", "The body must be a JSON object."))
                : new(value, bytes, null);
        }
        catch (JsonException ex)
        {
            // The path names the field, an unknown one included ("$.colour" -> "colour").
            var field = (ex.Path ?? "$").TrimStart('$').TrimStart('.');
            var message = ex.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? $"Unknown field \"{field}\": check its spelling against the API reference."
                : $"Malformed JSON or a value of the wrong type{(field.Length > 0 ? $" at \"{field}\"" : "")}.";
            return new(null, bytes, ApiProblems.Invalid(field.Length > 0 ? field : "$", message));
        }
    }

    private static IResult TooLarge(long limit) =>
        ApiProblems.Status(StatusCodes.Status413PayloadTooLarge, "Request too large", $"The body is larger than {limit:N0} bytes.");
}
