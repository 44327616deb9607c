namespace Dashboard.Core.Domains;

/// <summary>A DKIM-Signature the dashboard made: the header field to put on top of the message, and its d= and s=.</summary>
/// <param name="Domain">The signing domain (<c>d=</c>), the From domain.</param>
/// <param name="Selector">The selector (<c>s=</c>).</param>
/// <param name="Header">The whole header field with its line ending, in the message's own line endings.</param>
public sealed record DkimSignature(string Domain, string Selector, byte[] Header)
{
    /// <summary><see cref="Header"/> followed by <paramref name="rest"/>: the signed message, or the signed header block.</summary>
    public byte[] Prepend(byte[] rest)
    {
        var whole = new byte[Header.Length + rest.Length];
        Header.CopyTo(whole, 0);
        rest.CopyTo(whole, Header.Length);
        return whole;
    }
}
