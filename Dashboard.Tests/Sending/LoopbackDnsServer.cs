using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Dashboard.Tests.Sending;

/// <summary>
/// A small real DNS server over UDP on 127.0.0.1 at a free port, answering MX, A, AAAA and TXT questions
/// from a zone the test writes: NXDOMAIN for a name it does not hold, an empty answer for a type the
/// name lacks. Enough for a resolver (DnsClient) to be pointed at it instead of the internet.
/// </summary>
public sealed class LoopbackDnsServer : IAsyncDisposable
{
    private const ushort TypeA = 1;
    private const ushort TypeMx = 15;
    private const ushort TypeTxt = 16;
    private const ushort TypeAaaa = 28;

    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, List<(ushort Type, byte[] Data)>> _zone = new(StringComparer.OrdinalIgnoreCase);
    private readonly Task _running;

    public LoopbackDnsServer() => _running = ServeAsync();

    /// <summary>"127.0.0.1:port", the form Sending:DirectMx:NameServers takes.</summary>
    public string Endpoint => ((IPEndPoint)_udp.Client.LocalEndPoint!).ToString();

    /// <summary>Every question asked, as "name TYPE".</summary>
    public List<string> Questions { get; } = [];

    public LoopbackDnsServer Mx(string domain, ushort preference, string exchange)
    {
        var name = Name(exchange);
        var data = new byte[2 + name.Length];
        BinaryPrimitives.WriteUInt16BigEndian(data, preference);
        name.CopyTo(data, 2);
        return Add(domain, TypeMx, data);
    }

    /// <summary>RFC 7505: "this domain accepts no mail".</summary>
    public LoopbackDnsServer NullMx(string domain) => Add(domain, TypeMx, [0, 0, 0]);

    public LoopbackDnsServer Address(string host, IPAddress address) =>
        Add(host, address.AddressFamily == AddressFamily.InterNetwork ? TypeA : TypeAaaa, address.GetAddressBytes());

    /// <summary>A TXT record; text longer than 255 bytes is split into several strings, as DNS consoles do.</summary>
    public LoopbackDnsServer Txt(string name, string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        using var data = new MemoryStream();
        for (var at = 0; at < bytes.Length || at == 0; at += 255)
        {
            var length = Math.Min(255, bytes.Length - at);
            data.WriteByte((byte)length);
            data.Write(bytes, at, length);
        }
        return Add(name, TypeTxt, data.ToArray());
    }

    /// <summary>Drops every record of <paramref name="name"/> (it stays in the zone: an empty answer, not NXDOMAIN).</summary>
    public LoopbackDnsServer Clear(string name)
    {
        lock (_zone)
        {
            if (_zone.TryGetValue(name, out var records))
            {
                records.Clear();
            }
        }
        return this;
    }

    private LoopbackDnsServer Add(string name, ushort type, byte[] data)
    {
        lock (_zone)
        {
            if (!_zone.TryGetValue(name, out var records))
            {
                _zone[name] = records = [];
            }
            records.Add((type, data));
        }
        return this;
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult request;
            try
            {
                request = await _udp.ReceiveAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            if (Answer(request.Buffer) is { } response)
            {
                await _udp.SendAsync(response, request.RemoteEndPoint, _stop.Token);
            }
        }
    }

    private byte[]? Answer(byte[] query)
    {
        if (query.Length < 12 || BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(4)) != 1)
        {
            return null;
        }
        // The question: labels up to the root, then type and class.
        var at = 12;
        var labels = new List<string>();
        while (at < query.Length && query[at] != 0)
        {
            var length = query[at];
            labels.Add(Encoding.ASCII.GetString(query, at + 1, length));
            at += 1 + length;
        }
        var questionEnd = at + 5;
        if (questionEnd > query.Length)
        {
            return null;
        }
        var name = string.Join('.', labels);
        var type = BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(at + 1));
        List<(ushort Type, byte[] Data)> answers;
        bool exists;
        lock (_zone)
        {
            Questions.Add($"{name} {type}");
            exists = _zone.TryGetValue(name, out var records);
            answers = records?.Where(r => r.Type == type).ToList() ?? [];
        }

        using var response = new MemoryStream();
        var header = new byte[12];
        query.AsSpan(0, 2).CopyTo(header);
        var recursionDesired = (ushort)(BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(2)) & 0x0100);
        // QR, AA, RA; RCODE 3 (NXDOMAIN) for a name not in the zone.
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)(0x8000 | 0x0400 | recursionDesired | 0x0080 | (exists ? 0 : 3)));
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(6), (ushort)answers.Count);
        response.Write(header);
        response.Write(query, 12, questionEnd - 12);
        foreach (var (answerType, data) in answers)
        {
            var record = new byte[12];
            BinaryPrimitives.WriteUInt16BigEndian(record, 0xC00C); // the question's name
            BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(2), answerType);
            BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(4), 1); // IN
            BinaryPrimitives.WriteUInt32BigEndian(record.AsSpan(6), 60);
            BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(10), (ushort)data.Length);
            response.Write(record);
            response.Write(data);
        }
        return response.ToArray();
    }

    private static byte[] Name(string name)
    {
        using var bytes = new MemoryStream();
        foreach (var label in name.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            bytes.WriteByte((byte)label.Length);
            bytes.Write(Encoding.ASCII.GetBytes(label));
        }
        bytes.WriteByte(0);
        return bytes.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _udp.Dispose();
        await _running;
        _stop.Dispose();
    }
}
