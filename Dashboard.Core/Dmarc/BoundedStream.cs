namespace Dashboard.Core.Dmarc;

/// <summary>
/// A read-only view of a decompressing stream that stops with <see cref="DmarcProblem.TooLarge"/> as soon
/// as more than <paramref name="limit"/> bytes have come out of it: a zip bomb is refused after at most
/// that many bytes, never expanded in memory first.
/// </summary>
public sealed class BoundedStream(Stream inner, long limit, string whatLimit) : Stream
{
    private long _read;

    /// <summary>Bytes read so far.</summary>
    public long BytesRead => _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        // Ask for one byte more than the limit allows, so reaching the limit exactly still reads.
        var room = (int)Math.Min(buffer.Length, limit - _read + 1);
        var n = inner.Read(buffer[..room]);
        _read += n;
        if (_read > limit)
        {
            throw new DmarcReportException(DmarcProblem.TooLarge, $"The report expands past {whatLimit}; refused (a zip bomb, or far bigger than any real report).");
        }
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
