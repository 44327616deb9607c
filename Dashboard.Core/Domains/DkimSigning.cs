using System.Collections.Concurrent;
using System.Text;
using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using MimeKit.Cryptography;

namespace Dashboard.Core.Domains;

/// <summary>
/// Signs outgoing mail with its From domain's DKIM key (relaxed/relaxed, RSA-SHA256) and tells where a
/// From domain stands. The signature is a header put on top of the bytes as they are: the rest of the
/// message is not touched, so a signature the client made still verifies.
/// Keys are read once per domain and kept; <see cref="Forget"/> drops one when it changes.
/// </summary>
public sealed class DkimSigning(IDbContextFactory<DashboardDbContext> dbFactory, DkimKeys keys)
{
    /// <summary>The header fields signed when present: identity, content and list handling.</summary>
    public static readonly IReadOnlyList<string> SignedHeaders =
    [
        "From", "Sender", "Reply-To", "To", "Cc", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type",
        "Content-Transfer-Encoding", "In-Reply-To", "References", "List-Id", "List-Unsubscribe", "List-Unsubscribe-Post",
    ];

    // Only sender domains are kept (a few), so mail from any number of other domains costs no memory.
    // Each entry carries the version it was read at: a change (Forget) bumps the version, so an entry
    // read while the change was being made is read again rather than kept.
    private readonly ConcurrentDictionary<string, Loaded<DomainKey?>> _keys = new(StringComparer.OrdinalIgnoreCase);
    private Loaded<HashSet<string>>? _names;
    private int _version;

    /// <summary>Where the domain of <paramref name="address"/> stands.</summary>
    public async Task<SenderStatus> StatusOfAsync(string address, CancellationToken cancellationToken = default)
    {
        var domain = DomainOf(address);
        var key = await KeyAsync(domain, cancellationToken);
        return new SenderStatus(domain, key is not null, key?.State ?? DomainCheckState.Unchecked, key?.Failures);
    }

    /// <summary>
    /// Where the From domain of <paramref name="mime"/> stands and, when it has a key, the DKIM-Signature
    /// made with it (null otherwise). The message itself is not changed: put the signature on top.
    /// </summary>
    public async Task<SigningResult> SignAsync(byte[] mime, CancellationToken cancellationToken = default)
    {
        // The headers alone say whose mail it is: most mail of a domain without a key is never parsed whole.
        HeaderList headers;
        using (var stream = new MemoryStream(mime, writable: false))
        {
            headers = await HeaderList.LoadAsync(stream, cancellationToken);
        }
        var fromDomain = headers[HeaderId.From] is { } from && InternetAddressList.TryParse(from, out var addresses)
            ? addresses.Mailboxes.FirstOrDefault()?.Domain?.ToLowerInvariant() ?? ""
            : "";
        var key = fromDomain.Length == 0 ? null : await KeyAsync(fromDomain, cancellationToken);
        var status = new SenderStatus(fromDomain, key is not null, key?.State ?? DomainCheckState.Unchecked, key?.Failures);
        if (key is null)
        {
            return new SigningResult(status, null);
        }

        MimeMessage message;
        try
        {
            message = await MimeMessage.LoadAsync(new MemoryStream(mime, writable: false), cancellationToken);
        }
        catch (FormatException)
        {
            // Not a message MimeKit can read whole (relay mail is the client's): it goes out as it came, unsigned.
            return new SigningResult(status, null);
        }
        using var _ = message;
        var present = SignedHeaders.Where(h => message.Headers.Contains(h)).ToList();
        // One signature at a time per key: MimeKit does not promise that a signer is thread-safe.
        lock (key.Signer)
        {
            key.Signer.Sign(message, present);
        }
        var header = message.Headers[0];
        if (header.Id != HeaderId.DkimSignature)
        {
            throw new InvalidOperationException("MimeKit did not put the DKIM-Signature first.");
        }
        // The folded value as MimeKit wrote it, in the line endings of the message it goes on.
        var newline = mime.AsSpan().IndexOf((byte)'\n') is var lf and > 0 && mime[lf - 1] == '\r' ? "\r\n" : "\n";
        var text = $"{header.Field}:{Encoding.ASCII.GetString(header.RawValue)}".ReplaceLineEndings(newline);
        return new SigningResult(status, new DkimSignature(key.Name, key.Selector, Encoding.ASCII.GetBytes(text)));
    }

    /// <summary>Drops what is kept about <paramref name="domain"/>: it was added, checked or removed.</summary>
    public void Forget(string domain)
    {
        Interlocked.Increment(ref _version);
        _keys.TryRemove(domain, out _);
    }

    private async Task<DomainKey?> KeyAsync(string domain, CancellationToken cancellationToken)
    {
        var version = Volatile.Read(ref _version);
        var names = _names;
        if (names is null || names.Version != version || names.Task.IsFaulted)
        {
            _names = names = new(version, LoadNamesAsync());
        }
        if (!(await names.Task.WaitAsync(cancellationToken)).Contains(domain))
        {
            return null;
        }
        var key = _keys.AddOrUpdate(domain,
            d => new(version, LoadAsync(d, CancellationToken.None)),
            (d, kept) => kept.Version == version && !kept.Task.IsFaulted ? kept : new(version, LoadAsync(d, CancellationToken.None)));
        return await key.Task.WaitAsync(cancellationToken);
    }

    private async Task<HashSet<string>> LoadNamesAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return new HashSet<string>(await db.SenderDomains.AsNoTracking().Select(d => d.Name).ToListAsync(), StringComparer.OrdinalIgnoreCase);
    }

    private async Task<DomainKey?> LoadAsync(string domain, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.SenderDomains.AsNoTracking()
            .Where(d => d.Name == domain)
            .Select(d => new { d.Name, d.Selector, d.PrivateKeyProtected, d.CheckState, Dkim = d.Dkim.Status, Spf = d.Spf.Status, Dmarc = d.Dmarc.Status })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }
        using var pem = new MemoryStream(Encoding.ASCII.GetBytes(keys.Unprotect(row.PrivateKeyProtected)));
        var signer = new DkimSigner(pem, row.Name, row.Selector, DkimSignatureAlgorithm.RsaSha256)
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
        };
        var failures = DomainCheckResult.DescribeFailures(row.Dkim, row.Spf, row.Dmarc);
        return new DomainKey(row.Name, row.Selector, signer, row.CheckState, failures);
    }

    private static string DomainOf(string address)
    {
        var at = address.LastIndexOf('@');
        return (at >= 0 ? address[(at + 1)..] : address).Trim().TrimEnd('>').ToLowerInvariant();
    }

    private sealed record Loaded<T>(int Version, Task<T> Task);

    private sealed record DomainKey(string Name, string Selector, DkimSigner Signer, DomainCheckState State, string Failures);
}
