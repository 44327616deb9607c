using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;

namespace Dashboard.Core.Smtp;

/// <summary>
/// Bounds the SMTP sessions one client address may hold at once. A connection over the bound is
/// answered "421" and closed before it becomes a session, so it costs no session, no buffer and no
/// timeout; the listener goes straight on accepting the next connection.
/// </summary>
internal sealed class SessionsPerAddress(int limit) : IEndpointListenerFactory
{
    private readonly ConcurrentDictionary<IPAddress, int> _open = new();

    /// <summary>Sessions open now from <paramref name="address"/>.</summary>
    public int OpenFrom(IPAddress address) => _open.TryGetValue(address, out var n) ? n : 0;

    public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition) =>
        new Listener(this, new EndpointListenerFactory().CreateListener(endpointDefinition));

    private bool TryOpen(IPAddress address)
    {
        while (true)
        {
            var current = OpenFrom(address);
            if (current >= limit)
            {
                return false;
            }
            if (current == 0 ? _open.TryAdd(address, 1) : _open.TryUpdate(address, current + 1, current))
            {
                return true;
            }
        }
    }

    private void Close(IPAddress address)
    {
        while (_open.TryGetValue(address, out var current))
        {
            if (current <= 1 ? _open.TryRemove(new KeyValuePair<IPAddress, int>(address, current)) : _open.TryUpdate(address, current - 1, current))
            {
                return;
            }
        }
    }

    private sealed class Listener(SessionsPerAddress owner, IEndpointListener inner) : IEndpointListener
    {
        private static readonly byte[] TooMany = Encoding.ASCII.GetBytes("421 4.7.0 Too many connections from your address, try again later\r\n");

        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            while (true)
            {
                var pipe = await inner.GetPipeAsync(context, cancellationToken);
                var address = context.Properties.TryGetValue(EndpointListener.RemoteEndPointKey, out var remote) && remote is IPEndPoint endPoint
                    ? endPoint.Address
                    : IPAddress.None;
                if (owner.TryOpen(address))
                {
                    return new CountedPipe(pipe, () => owner.Close(address));
                }
                try
                {
                    await pipe.Output.WriteAsync(TooMany, cancellationToken);
                }
                catch (Exception ex) when (ex is IOException or InvalidOperationException)
                {
                    // The client went away first.
                }
                pipe.Dispose();
                // The same context serves the next connection, and the listener adds these keys anew.
                context.Properties.Remove(EndpointListener.LocalEndPointKey);
                context.Properties.Remove(EndpointListener.RemoteEndPointKey);
            }
        }

        public void Dispose() => inner.Dispose();
    }

    // The session disposes its pipe when it ends, however it ends: that is when the slot frees.
    private sealed class CountedPipe(ISecurableDuplexPipe inner, Action closed) : ISecurableDuplexPipe
    {
        private int _disposed;

        public PipeReader Input => inner.Input;

        public PipeWriter Output => inner.Output;

        public bool IsSecure => inner.IsSecure;

        public SslProtocols SslProtocol => inner.SslProtocol;

        public Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default) =>
            inner.UpgradeAsync(certificate, protocols, cancellationToken);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                inner.Dispose();
                closed();
            }
        }
    }
}
