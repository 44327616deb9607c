namespace Dashboard.Core.Bounces;

/// <summary>
/// Pieces of text, each followed by a line end, joined into one string at the end: a
/// StringBuilder would copy every piece twice (into its chunks, then out of them).
/// </summary>
internal sealed class TextParts
{
    private readonly List<string> parts = [];

    public int Length { get; private set; }

    public TextParts AddLine(string? piece)
    {
        piece ??= "";
        parts.Add(piece);
        Length += piece.Length + 1;
        return this;
    }

    public override string ToString() => parts.Count == 0 ? "" : string.Create(Length, parts, static (span, parts) =>
    {
        var at = 0;
        foreach (var piece in parts)
        {
            piece.CopyTo(span[at..]);
            at += piece.Length;
            span[at++] = '\n';
        }
    });
}
