namespace FacetCL.Anchors;

/// <summary>
/// A small reader of the WordNet 3.0 database files (Debian's <c>wordnet-base</c> installs them
/// at <see cref="DefaultPath"/>). There is no maintained .NET reader, and the anchoring stage
/// needs only sense-ordered lookups, synset words, hypernyms and morphy-style base forms.
/// The files are read once, on first use, thread-safely; a missing file fails with its path.
/// Lemmas are looked up lower-cased with spaces as underscores, as the index stores them.
/// </summary>
public sealed class WordNet
{
    public const string DefaultPath = "/usr/share/wordnet";

    private static readonly Lazy<WordNet> SharedDefault = new(() => new WordNet(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Lazy<WordNetDatabase> _db;

    /// <param name="path">folder with <c>index.*</c>, <c>data.*</c>, <c>*.exc</c>; null → <see cref="DefaultPath"/></param>
    public WordNet(string? path = null)
    {
        Path = path ?? DefaultPath;
        _db = new Lazy<WordNetDatabase>(() => new WordNetDatabase(Path), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>One process-wide instance over <see cref="DefaultPath"/>, so the files are parsed once.</summary>
    public static WordNet Default => SharedDefault.Value;

    public string Path { get; }

    private WordNetDatabase Db => _db.Value;

    /// <summary>The form the index uses: trimmed, lower-case, inner spaces as underscores.</summary>
    public static string IndexForm(string word) =>
        string.Join('_', word.Trim().ToLowerInvariant().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Whether the index holds <paramref name="lemma"/> (a base form) under <paramref name="wordClass"/>.</summary>
    public bool Contains(string lemma, WordClass wordClass) => Db.Contains(IndexForm(lemma), wordClass);

    /// <summary>The synsets of a lemma in WordNet's sense order (most frequent first); empty if unknown.</summary>
    public IReadOnlyList<SynsetId> Synsets(string lemma, WordClass wordClass) =>
        Db.Offsets(IndexForm(lemma), wordClass).Select(o => new SynsetId(wordClass, o)).ToList();

    /// <summary>The lemma's most frequent sense (first in its index line), or null if unknown.</summary>
    public SynsetId? FirstSynset(string lemma, WordClass wordClass)
    {
        var offsets = Db.Offsets(IndexForm(lemma), wordClass);
        return offsets.Count == 0 ? null : new SynsetId(wordClass, offsets[0]);
    }

    public Synset Synset(SynsetId id) => Db.Synset(id);

    /// <summary>Words of a synset in database order (underscores for spaces).</summary>
    public IReadOnlyList<string> Words(SynsetId id) => Db.Synset(id).Words;

    /// <summary>
    /// Hypernyms (<c>@</c>, <c>@i</c>) reached from <paramref name="id"/> within <paramref name="maxDepth"/>
    /// steps, breadth first, each with its smallest depth (1 = direct). Bounded so that cycles or the
    /// long noun chains up to "entity" cost nothing unexpected.
    /// </summary>
    public IReadOnlyDictionary<SynsetId, int> Hypernyms(SynsetId id, int maxDepth)
    {
        var depth = new Dictionary<SynsetId, int>();
        var frontier = new List<SynsetId> { id };
        for (int d = 1; d <= maxDepth && frontier.Count > 0; d++)
        {
            var next = new List<SynsetId>();
            foreach (var s in frontier)
            {
                foreach (var h in Db.Synset(s).Hypernyms)
                {
                    if (h != id && depth.TryAdd(h, d))
                        next.Add(h);
                }
            }
            frontier = next;
        }
        return depth;
    }

    /// <summary>
    /// Base forms of <paramref name="word"/> under <paramref name="wordClass"/>, morphy-style:
    /// the exception list first (its entries that the index holds), then the word itself if the
    /// index holds it, then the detachment rules' candidates that the index holds. Empty when
    /// nothing is found. Index form (underscores).
    /// </summary>
    public IReadOnlyList<string> BaseForms(string word, WordClass wordClass)
    {
        var form = IndexForm(word);
        var result = new List<string>();
        if (form.Length == 0)
            return result;
        foreach (var b in Db.Exceptions(form, wordClass))
        {
            if (Db.Contains(b, wordClass) && !result.Contains(b))
                result.Add(b);
        }
        if (Db.Contains(form, wordClass) && !result.Contains(form))
            result.Add(form);
        foreach (var c in Morphy.Candidates(form, wordClass))
        {
            if (Db.Contains(c, wordClass) && !result.Contains(c))
                result.Add(c);
        }
        return result;
    }

    /// <summary>The first of <see cref="BaseForms"/>, or null when WordNet does not know the word under this class.</summary>
    public string? BaseForm(string word, WordClass wordClass)
    {
        var forms = BaseForms(word, wordClass);
        return forms.Count == 0 ? null : forms[0];
    }

    /// <summary>Number of lemmas in the index of a part of speech (a quick check that the files loaded whole).</summary>
    public int LemmaCount(WordClass wordClass) => Db.LemmaCount(wordClass);
}
