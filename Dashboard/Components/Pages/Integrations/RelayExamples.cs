using Dashboard.Core.Relay;

namespace Dashboard.Components.Pages.Integrations;

/// <summary>Ready-to-paste commands for the relay and the API, with the values of this installation.</summary>
internal static class RelayExamples
{
    /// <summary>The host name clients use for the relay (localhost for a loopback listener).</summary>
    public static string Host(RelayServer relay) =>
        relay.Address is "127.0.0.1" or "::1" or "0.0.0.0" or "::" ? "localhost" : relay.Address;

    public static string Swaks(RelayServer relay, string user, string password) =>
        $"swaks --server {Host(relay)}:{relay.Port} {(relay.OffersStartTls ? "--tls " : "")}--auth-user {user} --auth-password '{password}' \\\n"
        + "  --from you@your-domain.example --to someone@example.com --header 'X-Tag: test'";

    public static string Curl(string baseUri, string key) =>
        $"curl -s -X POST {baseUri.TrimEnd('/')}/api/v1/messages \\\n"
        + $"  -H 'Authorization: Bearer {key}' -H 'Content-Type: application/json' \\\n"
        + "  -d '{\"from\":\"you@your-domain.example\",\"to\":[\"someone@example.com\"],\"subject\":\"Hello\",\"text\":\"Hi there\",\"tags\":[\"test\"]}'";
}
