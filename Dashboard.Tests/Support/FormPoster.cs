using System.Net;
using System.Text.RegularExpressions;

namespace Dashboard.Tests.Support;

/// <summary>
/// Posts a static SSR form the way a browser does: fetch the page, keep its hidden fields (the
/// antiforgery token, Blazor's _handler), fill in the visible ones, post to the same URL.
/// </summary>
internal static partial class FormPoster
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, IReadOnlyDictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(path);
        var form = HiddenInputs(html);
        foreach (var (name, value) in fields)
        {
            form[name] = value;
        }
        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        PostAsync(client, "/account/signin", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

    /// <summary>A page's hidden form fields by name (the antiforgery token, Blazor's _handler).</summary>
    public static Dictionary<string, string> HiddenInputs(string html)
    {
        var fields = new Dictionary<string, string>();
        foreach (Match input in HiddenInput().Matches(html))
        {
            var name = Attribute("name", input.Value);
            if (name is not null)
            {
                fields[name] = Attribute("value", input.Value) ?? "";
            }
        }
        return fields;
    }

    private static string? Attribute(string name, string tag)
    {
        var match = Regex.Match(tag, $"""\s{name}="([^"]*)" """.TrimEnd());
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("""<input[^>]*type="hidden"[^>]*>""")]
    private static partial Regex HiddenInput();
}
