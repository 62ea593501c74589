namespace FacetCL.Anchors;

/// <summary>
/// <see cref="ISlotSimilarity"/> over WordNet, in four steps (the numbers are a ranking, not a
/// calibrated probability: the soft anchor match only needs "same > synonym > near hypernym > unrelated"):
/// <list type="bullet">
/// <item>1.0 — the same string (ordinal, after trimming and lower-casing);</item>
/// <item><see cref="SharedSense"/> (0.9) — the two words share a synset among their first
///   <see cref="SensesCompared"/> senses (near synonyms; only frequent senses, so rare senses do not make "dog" ≈ "frump");</item>
/// <item><see cref="NearHypernym"/> (0.7) — a synset of one is a hypernym of a synset of the other within
///   <see cref="HypernymLevels"/> levels ("dog" → "canine"); for adjectives, which have no hypernyms,
///   a similar-to link between a satellite and its head counts as one level;</item>
/// <item>0 — otherwise, and for words WordNet does not know or multi-word values (exact match only).</item>
/// </list>
/// Values may be plain words or the canonical synset keys of <see cref="Canonicalizer"/>
/// (<c>buy.v.02207224</c>); a key stands for exactly its synset.
/// </summary>
public sealed class WordNetSimilarity(WordNet wordNet) : ISlotSimilarity
{
    public const double Same = 1.0;
    public const double SharedSense = 0.9;
    public const double NearHypernym = 0.7;
    public const int SensesCompared = 3;
    public const int HypernymLevels = 2;

    public WordNetSimilarity() : this(WordNet.Default) { }

    public double Similarity(string a, string b, WordClass wordClass)
    {
        var x = a.Trim().ToLowerInvariant();
        var y = b.Trim().ToLowerInvariant();
        if (x == y)
            return Same;
        var sa = Senses(x, wordClass);
        var sb = Senses(y, wordClass);
        if (sa.Count == 0 || sb.Count == 0)
            return 0;
        if (sa.Overlaps(sb))
            return SharedSense;
        return Near(sa, sb) || Near(sb, sa) ? NearHypernym : 0;
    }

    private bool Near(HashSet<SynsetId> lower, HashSet<SynsetId> upper)
    {
        foreach (var s in lower)
        {
            if (wordNet.Hypernyms(s, HypernymLevels).Keys.Any(upper.Contains))
                return true;
            if (s.WordClass == WordClass.Adjective && wordNet.Synset(s).SimilarTo.Any(upper.Contains))
                return true;
        }
        return false;
    }

    /// <summary>First senses of a value: its own synset for a canonical key; none for multi-word or unknown values.</summary>
    private HashSet<SynsetId> Senses(string value, WordClass wordClass)
    {
        if (SynsetKey.TryParse(value, out var id))
            return [id];
        if (value.Contains(' ') || value.Contains('_'))
            return [];
        foreach (var wc in Canonicalizer.ClassesFor(wordClass))
        {
            var lemma = wordNet.BaseForm(value, wc);
            if (lemma is not null)
                return wordNet.Synsets(lemma, wc).Take(SensesCompared).ToHashSet();
        }
        return [];
    }
}
