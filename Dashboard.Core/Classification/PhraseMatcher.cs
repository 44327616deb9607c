namespace Dashboard.Core.Classification;

/// <summary>Case-insensitive phrase search on whole words, over text with whitespace collapsed.</summary>
internal static class PhraseMatcher
{
    /// <summary>The text with whitespace runs collapsed to one space, and its lower-case twin (same length).</summary>
    internal readonly record struct Folded(string Original, string Lower);

    internal readonly record struct Hit(int Start, int Length);

    internal static Folded Fold(string text)
    {
        var buffer = text.Length <= 1024 ? stackalloc char[text.Length] : new char[text.Length];
        var n = 0;
        var space = true;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!space)
                {
                    buffer[n++] = ' ';
                    space = true;
                }
                continue;
            }
            buffer[n++] = c;
            space = false;
        }
        if (n > 0 && buffer[n - 1] == ' ')
        {
            n--;
        }
        n = DropContinuationCodes(buffer[..n]);
        var original = new string(buffer[..n]);
        return new Folded(original, original.ToLowerInvariant());
    }

    /// <summary>
    /// Removes "550-5.7.1 " style markers that multi-line replies repeat on every line, so a phrase
    /// wrapped across two reply lines still reads as one.
    /// </summary>
    private static int DropContinuationCodes(Span<char> text)
    {
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (i + 4 < text.Length && (i == 0 || text[i - 1] == ' ') && text[i] is '2' or '4' or '5'
                && char.IsAsciiDigit(text[i + 1]) && char.IsAsciiDigit(text[i + 2]) && text[i + 3] == '-')
            {
                // Skip "NNN-" and an enhanced status right after it ("NNN-5.7.1 ").
                var j = i + 4;
                var k = j;
                while (k < text.Length && (char.IsAsciiDigit(text[k]) || text[k] == '.'))
                {
                    k++;
                }
                if (k < text.Length && text[k] == ' ' || k == text.Length)
                {
                    i = Math.Min(k, text.Length - 1);
                    if (n > 0 && text[i] == ' ' && text[n - 1] == ' ')
                    {
                        continue;
                    }
                    if (i == text.Length - 1 && text[i] != ' ')
                    {
                        continue;
                    }
                    continue;
                }
            }
            if (i + 3 < text.Length && (i == 0 || text[i - 1] == ' ') && text[i] is '<' or '>' && text[i + 1] == text[i]
                && text[i + 2] == text[i] && text[i + 3] == ' ')
            {
                // Transcript markers ("<<< ", ">>> ") between wrapped reply lines.
                i += 3;
                continue;
            }
            text[n++] = text[i];
        }
        return n;
    }

}
