using System.Collections;
using MimeKit;

namespace Dashboard.Core.Bounces;

/// <summary>The returned message's headers as (name, value) pairs, decoded on first access (at most 200).</summary>
internal sealed class ReturnedHeaders(HeaderList headers) : IReadOnlyList<KeyValuePair<string, string>>
{
    private List<KeyValuePair<string, string>>? decoded;

    private List<KeyValuePair<string, string>> Decoded => decoded ??= Decode();

    public int Count => Decoded.Count;

    public KeyValuePair<string, string> this[int index] => Decoded[index];

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => Decoded.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private List<KeyValuePair<string, string>> Decode()
    {
        var list = new List<KeyValuePair<string, string>>();
        try
        {
            foreach (var header in headers)
            {
                list.Add(new(header.Field, header.Value ?? ""));
                if (list.Count >= 200)
                {
                    break;
                }
            }
        }
        catch (Exception)
        {
            // A header MimeKit cannot decode ends the list; what came before is still useful.
        }
        return list;
    }
}
