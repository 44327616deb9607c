using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;

namespace Dashboard.Core.Relay;

/// <summary>
/// Accepts relay connections with Nagle's algorithm off: SMTP is a chain of small request/reply
/// turns, and Nagle holding a reply back until the client's delayed ACK costs ~40 ms per message.
/// </summary>
internal sealed class NoDelayListenerFactory : IEndpointListenerFactory
{
    public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
    {
        var listener = new TcpListener(endpointDefinition.Endpoint);
        listener.Start();
        return new Listener(listener);
    }

    private sealed class Listener(TcpListener listener) : IEndpointListener
    {
        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken);
            client.NoDelay = true;
            context.Properties[EndpointListener.LocalEndPointKey] = client.Client.LocalEndPoint!;
            context.Properties[EndpointListener.RemoteEndPointKey] = client.Client.RemoteEndPoint!;
            return new SocketPipe(client);
        }

        public void Dispose() => listener.Stop();
    }

    // SmtpServer's own pipe type is internal; this is the same: the stream, upgraded in place by STARTTLS.
    private sealed class SocketPipe(TcpClient client) : ISecurableDuplexPipe
    {
        private Stream _stream = client.GetStream();

        public PipeReader Input { get; private set; } = PipeReader.Create(client.GetStream());

        public PipeWriter Output { get; private set; } = PipeWriter.Create(client.GetStream());

        public bool IsSecure => _stream is SslStream;

        public SslProtocols SslProtocol => (_stream as SslStream)?.SslProtocol ?? SslProtocols.None;

        public async Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default)
        {
            var ssl = new SslStream(_stream, leaveInnerStreamOpen: true);
            await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificate = certificate,
                EnabledSslProtocols = protocols,
                ClientCertificateRequired = false,
            }, cancellationToken);
            _stream = ssl;
            Input = PipeReader.Create(ssl);
            Output = PipeWriter.Create(ssl);
        }

        public void Dispose()
        {
            _stream.Dispose();
            client.Dispose();
        }
    }
}
