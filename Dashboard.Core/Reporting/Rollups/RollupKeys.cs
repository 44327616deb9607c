namespace Dashboard.Core.Reporting.Rollups;

/// <summary>
/// The key combinations a message counts under, as SQL over a row of "Messages": each of tag,
/// sender and provider either its own value or "*" (any). A message counts once under tag "*" and
/// once under each of its tags (up to <see cref="Submissions.Tags.MaxCount"/>, stored "a,b,c"),
/// so a tag's figures and the tag filter are exact like the others.
/// </summary>
internal sealed class RollupKeys(Data.DatabaseProvider provider, bool tags)
{
    private const string AnyValue = "'" + DeliveryRollup.All + "'";

    /// <summary>One key set: its three key expressions and when the message counts under it.</summary>
    public sealed record Key(string Tag, string Sender, string Provider, string Condition);

    /// <summary>Every key set (the rebuild).</summary>
    public IReadOnlyList<Key> For(string row) => [.. For(row, tagged: false), .. For(row, tagged: true)];

    /// <summary>The "any tag" key sets, or (<paramref name="tagged"/>) those of the message's own tags.</summary>
    public IReadOnlyList<Key> For(string row, bool tagged) => [.. KeySets(row, tagged)];

    private IEnumerable<Key> KeySets(string row, bool tagged)
    {
        var sender = $"lower({row}.\"Sender\")";
        var recipientProvider = $"{row}.\"RecipientProvider\"";
        var tagValues = !tagged ? [AnyValue]
            : tags ? Enumerable.Range(1, Submissions.Tags.MaxCount).Select(slot => TagAt($"{row}.\"Tags\"", slot)).ToArray()
            : [];
        foreach (var tag in tagValues)
        {
            var condition = tag == AnyValue ? "1 = 1" : $"{tag} IS NOT NULL";
            yield return new Key(tag, sender, recipientProvider, condition);
            yield return new Key(tag, sender, AnyValue, condition);
            yield return new Key(tag, AnyValue, recipientProvider, condition);
            yield return new Key(tag, AnyValue, AnyValue, condition);
        }
    }

    /// <summary>The <paramref name="slot"/>-th (1-based) tag of the comma-separated <paramref name="tags"/>, or NULL.</summary>
    private string TagAt(string tags, int slot)
    {
        if (provider == Data.DatabaseProvider.Postgres)
        {
            return $"NULLIF(split_part({tags}, ',', {slot}), '')";
        }
        // SQLite has no split (and no CTE in a trigger): the list as a JSON array, one lookup per
        // position. Safe because a tag holds no quote or backslash (see Tags). Short text matters:
        // SQLite compiles the triggers into every statement that writes a message.
        return $"NULLIF(json_extract('[\"' || replace({tags}, ',', '\",\"') || '\"]', '$[{slot - 1}]'), '')";
    }
}
