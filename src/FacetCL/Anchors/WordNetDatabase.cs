using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace FacetCL.Anchors;

/// <summary>
/// The parsed WordNet 3.0 database files (wndb(5WN)): index lines into a dictionary per part of
/// speech, exception lists, and the raw bytes of the data files, whose lines are parsed on first
/// use (by byte offset) and cached. Read-only after construction, so safe to share between threads.
/// </summary>
internal sealed class WordNetDatabase
{
    private static readonly WordClass[] Classes = [WordClass.Noun, WordClass.Verb, WordClass.Adjective, WordClass.Adverb];

    private readonly Dictionary<WordClass, Dictionary<string, long[]>> _index = [];
    private readonly Dictionary<WordClass, Dictionary<string, string[]>> _exceptions = [];
    private readonly Dictionary<WordClass, byte[]> _data = [];
    private readonly ConcurrentDictionary<SynsetId, Synset> _synsets = new();

    public WordNetDatabase(string directory)
    {
        foreach (var wc in Classes)
        {
            var name = FileStem(wc);
            _index[wc] = ReadIndex(Required(directory, $"index.{name}"));
            _exceptions[wc] = ReadExceptions(Required(directory, $"{name}.exc"));
            _data[wc] = File.ReadAllBytes(Required(directory, $"data.{name}"));
        }
    }

    public IReadOnlyList<long> Offsets(string lemma, WordClass wc) =>
        _index[wc].TryGetValue(lemma, out var offsets) ? offsets : [];

    public bool Contains(string lemma, WordClass wc) => _index[wc].ContainsKey(lemma);

    public IReadOnlyList<string> Exceptions(string form, WordClass wc) =>
        _exceptions[wc].TryGetValue(form, out var bases) ? bases : [];

    public int LemmaCount(WordClass wc) => _index[wc].Count;

    public Synset Synset(SynsetId id) => _synsets.GetOrAdd(id, ParseSynset);

    private static string FileStem(WordClass wc) => wc switch
    {
        WordClass.Noun => "noun",
        WordClass.Verb => "verb",
        WordClass.Adjective => "adj",
        WordClass.Adverb => "adv",
        _ => throw new ArgumentOutOfRangeException(nameof(wc), wc, null),
    };

    private static string Required(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"WordNet database file '{path}' is missing. Install Debian's wordnet-base " +
                "(scripts/setup-system.sh does) or point the WordNet path option at a WordNet 3.0 'dict' folder.", path);
        return path;
    }

    /// <summary>Index line: <c>lemma pos synset_cnt p_cnt [ptr...] sense_cnt tagsense_cnt offset...</c>; license lines start with a space.</summary>
    private static Dictionary<string, long[]> ReadIndex(string path)
    {
        var result = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path, Encoding.Latin1))
        {
            if (line.Length == 0 || line[0] == ' ')
                continue;
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            int synsetCount = int.Parse(f[2], CultureInfo.InvariantCulture);
            int pointerCount = int.Parse(f[3], CultureInfo.InvariantCulture);
            int first = 4 + pointerCount + 2;
            var offsets = new long[synsetCount];
            for (int i = 0; i < synsetCount; i++)
                offsets[i] = long.Parse(f[first + i], CultureInfo.InvariantCulture);
            result[f[0]] = offsets;
        }
        return result;
    }

    /// <summary>Exception line: <c>inflected base [base...]</c>.</summary>
    private static Dictionary<string, string[]> ReadExceptions(string path)
    {
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path, Encoding.Latin1))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length >= 2)
                result[f[0]] = f[1..];
        }
        return result;
    }

    /// <summary>
    /// Data line: <c>offset lex_filenum ss_type w_cnt(hex) [word lex_id]... p_cnt [sym offset pos src/tgt]... [frames] | gloss</c>.
    /// </summary>
    private Synset ParseSynset(SynsetId id)
    {
        var bytes = _data[id.WordClass];
        if (id.Offset < 0 || id.Offset >= bytes.Length)
            throw new ArgumentOutOfRangeException(nameof(id), id, "offset outside the data file");
        int start = (int)id.Offset;
        int end = Array.IndexOf(bytes, (byte)'\n', start);
        var line = Encoding.Latin1.GetString(bytes, start, (end < 0 ? bytes.Length : end) - start);
        int bar = line.IndexOf(" | ", StringComparison.Ordinal);
        var gloss = bar < 0 ? "" : line[(bar + 3)..].Trim();
        var f = (bar < 0 ? line : line[..bar]).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (long.Parse(f[0], CultureInfo.InvariantCulture) != id.Offset)
            throw new InvalidDataException($"WordNet: no synset starts at offset {id} (the data file does not match the index)");

        bool satellite = f[2] == "s";
        int wordCount = int.Parse(f[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var words = new string[wordCount];
        for (int i = 0; i < wordCount; i++)
            words[i] = StripMarker(f[4 + 2 * i]);
        int p = 4 + 2 * wordCount;
        int pointerCount = int.Parse(f[p], CultureInfo.InvariantCulture);
        var hypernyms = new List<SynsetId>();
        var similar = new List<SynsetId>();
        for (int i = 0; i < pointerCount; i++)
        {
            int q = p + 1 + 4 * i;
            var symbol = f[q];
            var target = SynsetId.ClassOfLetter(f[q + 2][0]);
            if (target is not { } wc)
                continue;
            var targetId = new SynsetId(wc, long.Parse(f[q + 1], CultureInfo.InvariantCulture));
            if (symbol is "@" or "@i")
                hypernyms.Add(targetId);
            else if (symbol == "&")
                similar.Add(targetId);
        }
        return new Synset(id, words, hypernyms, similar, satellite, gloss);
    }

    /// <summary>Adjective words may end in a syntactic marker: <c>(a)</c>, <c>(p)</c> or <c>(ip)</c>.</summary>
    private static string StripMarker(string word)
    {
        int paren = word.IndexOf('(', StringComparison.Ordinal);
        return paren > 0 && word.EndsWith(')') ? word[..paren] : word;
    }
}
