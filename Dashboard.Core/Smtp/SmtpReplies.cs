using System.Net.Sockets;
using System.Text.RegularExpressions;
using Dashboard.Core.Classification;
using Dashboard.Core.Sending;
using MailKit;
using MailKit.Security;

namespace Dashboard.Core.Smtp;

/// <summary>Turns what MailKit and the network report into <see cref="RecipientReply"/> parts.</summary>
internal static partial class SmtpReplies
{
    [GeneratedRegex(@"^\s*([245]\.\d{1,3}\.\d{1,3})(?=\s|$)")]
    private static partial Regex EnhancedStatusAtStart();

    /// <summary>The RFC 3463 code at the start of a reply text, if any.</summary>
    public static string? EnhancedStatusOf(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        var match = EnhancedStatusAtStart().Match(text);
        return match.Success ? match.Groups[1].Value : null;
    }

    public static RecipientReply FromServer(string recipient, int code, string? text, string remoteHost)
    {
        var body = (text ?? "").Trim();
        return new RecipientReply(recipient, code, EnhancedStatusOf(body), body, remoteHost);
    }

    /// <summary>What kind of failure an exception from connecting or talking to a server is.</summary>
    public static ConnectionFailure KindOf(Exception exception) => exception switch
    {
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => ConnectionFailure.Refused,
        SocketException { SocketErrorCode: SocketError.TimedOut } or TimeoutException or OperationCanceledException => ConnectionFailure.TimedOut,
        SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData } => ConnectionFailure.DomainNotFound,
        SslHandshakeException => ConnectionFailure.TlsFailed,
        _ => ConnectionFailure.NetworkError,
    };

    /// <summary>
    /// A failure before any server answered. The wording starts with the phrase the classifier
    /// reads ("Connection refused", "Connection timed out", "Host not found"), then the detail.
    /// </summary>
    public static string DescribeConnectionFailure(Exception exception, string host, int port) => exception switch
    {
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } =>
            $"Connection refused by {host}:{port}: no mail server is listening there",
        SocketException { SocketErrorCode: SocketError.TimedOut } or TimeoutException or OperationCanceledException =>
            $"Connection timed out while talking to {host}:{port}",
        SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData } =>
            $"Host not found: {host} does not resolve",
        SslHandshakeException => $"TLS handshake with {host}:{port} failed: {exception.Message}",
        AuthenticationException => $"Authentication to {host}:{port} failed: {exception.Message}",
        ServiceNotConnectedException or IOException or ProtocolException =>
            $"Connection to {host}:{port} was lost: {exception.Message}",
        _ => $"Could not talk to {host}:{port}: {exception.Message}",
    };
}
