using System.Net;
using System.Net.Sockets;

namespace Dashboard.Core.Webhooks;

/// <summary>
/// Keeps webhooks off the dashboard's own network: loopback, private, link-local, carrier-grade NAT,
/// unspecified and multicast addresses are refused unless <see cref="WebhookOptions.AllowPrivateAddresses"/>.
/// Checked when an endpoint is saved and again on every connection (a name may resolve differently later).
/// </summary>
public static class WebhookAddressGuard
{
    /// <summary>True when <paramref name="address"/> is on the public internet.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 10
                || b[0] == 0
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
                || b[0] >= 224);
        }
        var bytes = address.GetAddressBytes();
        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
            || (bytes[0] & 0xfe) == 0xfc); // unique local fc00::/7
    }

    /// <summary>
    /// Checks an endpoint URL: absolute http or https, no user name or password, and (unless
    /// <paramref name="allowPrivate"/>) not naming or resolving to an internal address.
    /// Returns the problem in words, or null when the URL may be used.
    /// </summary>
    public static async Task<string?> CheckAsync(string url, bool allowPrivate, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "Enter an absolute http:// or https:// URL.";
        }
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "Leave the user name and password out of the URL; the payload is signed instead.";
        }
        if (allowPrivate)
        {
            return null;
        }
        if (uri.IsLoopback || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return Refused(uri.Host);
        }
        if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var literal))
        {
            return IsPublic(literal) ? null : Refused(uri.Host);
        }
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(uri.DnsSafeHost, cancellationToken);
            return addresses.Length > 0 && addresses.All(a => !IsPublic(a)) ? Refused(uri.Host) : null;
        }
        catch (SocketException)
        {
            // A name that does not resolve today may tomorrow; every connection is checked again.
            return null;
        }
    }

    /// <summary>Connects to the first public address of <paramref name="host"/> (any address when <paramref name="allowPrivate"/>); throws when there is none.</summary>
    public static async ValueTask<Stream> ConnectAsync(string host, int port, bool allowPrivate, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var usable = allowPrivate ? addresses : [.. addresses.Where(IsPublic)];
        if (usable.Length == 0)
        {
            throw new HttpRequestException(Refused(host));
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(usable, port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static string Refused(string host) =>
        $"{host} is a loopback or private address; webhooks may not call the dashboard's own network (Webhooks:AllowPrivateAddresses allows it).";
}
