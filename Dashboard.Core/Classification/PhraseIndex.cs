using System.Buffers;

namespace Dashboard.Core.Classification;

/// <summary>
/// Every phrase of the rule table in one multi-string search: the text is scanned once
/// (vectorised), and each rule then asks which of its phrases occurred. Keeps classification
/// cost independent of the number of rules.
/// </summary>
internal sealed class PhraseIndex
{
    private readonly string[] phrases;
    private readonly bool[] prefixOnly;
    private readonly int[][] ruleIds;
    // The phrases by first character: a table for ASCII (nearly every phrase), a dictionary for the rest.
    private readonly int[]?[] byAsciiFirstChar = new int[]?[128];
    private readonly Dictionary<char, int[]> byOtherFirstChar;
    private readonly SearchValues<string> search;

    internal static PhraseIndex Rules { get; } = new(ClassificationRules.All);

    internal PhraseIndex(IReadOnlyList<ClassificationRule> rules)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var list = new List<string>();
        var prefix = new List<bool>();
        ruleIds = new int[rules.Count][];
        for (var r = 0; r < rules.Count; r++)
        {
            var mine = new List<int>();
            foreach (var raw in rules[r].Phrases)
            {
                if (!ids.TryGetValue(raw, out var id))
                {
                    id = list.Count;
                    ids[raw] = id;
                    var isPrefix = raw.EndsWith('*');
                    list.Add(isPrefix ? raw[..^1] : raw);
                    prefix.Add(isPrefix);
                }
                mine.Add(id);
            }
            ruleIds[r] = [.. mine];
        }
        phrases = [.. list];
        prefixOnly = [.. prefix];
        var byFirstChar = Enumerable.Range(0, phrases.Length)
            .GroupBy(i => phrases[i][0])
            .ToDictionary(g => g.Key, g => g.ToArray());
        foreach (var (first, group) in byFirstChar.Where(p => char.IsAscii(p.Key)))
        {
            byAsciiFirstChar[first] = group;
        }
        byOtherFirstChar = byFirstChar.Where(p => !char.IsAscii(p.Key)).ToDictionary();
        search = SearchValues.Create(phrases.Distinct().ToArray(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Where each phrase first occurs on word boundaries in <paramref name="lower"/> (-1: absent), in
    /// an array rented from the shared pool (it may be longer than the phrase count): give it back
    /// with <see cref="Release"/>.
    /// </summary>
    internal int[] Scan(string lower)
    {
        var first = ArrayPool<int>.Shared.Rent(phrases.Length);
        Array.Fill(first, -1, 0, phrases.Length);
        var span = lower.AsSpan();
        var offset = 0;
        while (offset < span.Length)
        {
            var found = span[offset..].IndexOfAny(search);
            if (found < 0)
            {
                break;
            }
            var at = offset + found;
            var c = span[at];
            if ((char.IsAscii(c) ? byAsciiFirstChar[c] : byOtherFirstChar.GetValueOrDefault(c)) is { } candidates)
            {
                foreach (var id in candidates)
                {
                    if (first[id] >= 0)
                    {
                        continue;
                    }
                    var phrase = phrases[id];
                    if (span[at..].StartsWith(phrase, StringComparison.Ordinal) && Bounded(span, at, phrase, prefixOnly[id]))
                    {
                        first[id] = at;
                    }
                }
            }
            offset = at + 1;
        }
        return first;
    }

    /// <summary>Returns an array from <see cref="Scan"/> to the pool.</summary>
    internal static void Release(int[]? scan)
    {
        if (scan is not null)
        {
            ArrayPool<int>.Shared.Return(scan);
        }
    }

    /// <summary>The first phrase of rule <paramref name="rule"/> (in its list order) found by <see cref="Scan"/>.</summary>
    internal PhraseMatcher.Hit Find(int rule, int[] scan)
    {
        foreach (var id in ruleIds[rule])
        {
            if (scan[id] >= 0)
            {
                return new PhraseMatcher.Hit(scan[id], phrases[id].Length);
            }
        }
        return default;
    }

    private static bool Bounded(ReadOnlySpan<char> text, int at, string phrase, bool prefix)
    {
        var end = at + phrase.Length;
        var startOk = at == 0 || !IsWordChar(text[at - 1]) || !IsWordChar(phrase[0]);
        var endOk = prefix || end == text.Length || !IsWordChar(text[end]) || !IsWordChar(phrase[^1]);
        return startOk && endOk;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
