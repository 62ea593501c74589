using System.Text.RegularExpressions;

namespace FacetCL.Anchors;

public enum EditedSide { Premise, Hypothesis }

/// <summary>
/// An original SNLI sentence and its human counterfactual edit (CAD-NLI), with the content words
/// the edit removed and added (lower-cased tokens).
/// </summary>
public sealed record CounterfactualPair(
    string Split, int Row, EditedSide Side, string Original, string Edited, string EditedLabel,
    IReadOnlyList<string> RemovedContent, IReadOnlyList<string> AddedContent);

/// <summary>
/// Selects, from counterfactually-augmented NLI (<c>counterfactual_nli/</c> in the data root), the
/// original → edited sentence pairs whose edit changes a content word; a fingerprint should differ
/// across such a pair. Each <c>original_{split}.tsv</c> row has four edits in
/// <c>revised_combined_{split}.tsv</c> (rows 4i…4i+3): two keep the premise and edit the hypothesis,
/// two the other way round; the unchanged side tells which sentence was edited.
/// <para>
/// SELECTION RULE. Both sentences are tokenised (letters/digits; "n't" split off as "not", clitics
/// "'s 're 'll 've 'd 'm" as their own tokens) and lower-cased; a token-level longest common
/// subsequence marks the tokens the edit removed and added. A changed token is a content word when
/// it is not a function word (<see cref="FunctionWords"/>: determiners, pronouns, prepositions,
/// conjunctions, auxiliaries, negation), has at least two letters, and has a base form in WordNet's
/// noun, verb, adjective or adverb index (morphy); a numeral ("3") is content too. The pair is selected when some removed or added
/// content word has no counterpart on the other side sharing a base form — so "dog" → "dogs" alone
/// is not a content change, and an edit that only adds "not" or swaps "a" for "the" is not selected.
/// </para>
/// </summary>
public static partial class CounterfactualCheck
{
    public static readonly string[] Splits = ["train", "dev", "test"];

    /// <summary>Words that WordNet lists (often as rare nouns: "it", "in", "a") but that carry no content.</summary>
    public static readonly IReadOnlySet<string> FunctionWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "a", "an", "the", "this", "that", "these", "those", "some", "any", "each", "every", "all", "both", "either", "neither",
        "i", "me", "my", "you", "your", "he", "him", "his", "she", "her", "it", "its", "we", "us", "our", "they", "them", "their",
        "who", "whom", "whose", "which", "what", "there", "here", "one", "ones",
        "in", "on", "at", "by", "for", "with", "from", "to", "of", "into", "onto", "over", "under", "about", "as", "up", "down",
        "out", "off", "near", "than", "through", "across", "behind", "beside", "between", "around", "while", "during",
        "and", "or", "but", "nor", "so", "if", "because",
        "be", "is", "are", "was", "were", "am", "been", "being", "have", "has", "had", "having", "do", "does", "did",
        "will", "would", "shall", "should", "can", "could", "may", "might", "must", "wo", "ca",
        "not", "no", "never", "s", "re", "ll", "ve", "d", "m", "t",
    };

    /// <summary>All selected pairs of all splits under <paramref name="dataRoot"/> (the folder that holds <c>counterfactual_nli/</c>).</summary>
    public static IReadOnlyList<CounterfactualPair> Pairs(string dataRoot, WordNet? wordNet = null) =>
        Splits.SelectMany(s => Pairs(dataRoot, s, wordNet)).ToList();

    public static IReadOnlyList<CounterfactualPair> Pairs(string dataRoot, string split, WordNet? wordNet = null) =>
        AllEdits(dataRoot, split, wordNet).Where(p => p.RemovedContent.Count + p.AddedContent.Count > 0).ToList();

    /// <summary>Every aligned edit of a split, selected or not (the rule's input, for counts and audits).</summary>
    public static IReadOnlyList<CounterfactualPair> AllEdits(string dataRoot, string split, WordNet? wordNet = null)
    {
        var wn = wordNet ?? WordNet.Default;
        var dir = Path.Combine(dataRoot, "counterfactual_nli");
        var originals = ReadTsv(Path.Combine(dir, $"original_{split}.tsv"));
        var revised = ReadTsv(Path.Combine(dir, $"revised_combined_{split}.tsv"));
        if (revised.Count != 4 * originals.Count)
            throw new InvalidDataException($"{dir}: revised_combined_{split}.tsv has {revised.Count} rows, expected 4 × {originals.Count}");
        var result = new List<CounterfactualPair>();
        for (int i = 0; i < revised.Count; i++)
        {
            var (p0, h0, _) = originals[i / 4];
            var (p1, h1, label) = revised[i];
            // The unchanged side identifies the edited one; rows that changed both (or neither) are skipped.
            if (p1 == p0 && h1 != h0)
                result.Add(Pair(split, i, EditedSide.Hypothesis, h0, h1, label, wn));
            else if (h1 == h0 && p1 != p0)
                result.Add(Pair(split, i, EditedSide.Premise, p0, p1, label, wn));
        }
        return result;
    }

    /// <summary>The content words an edit removed and added (each empty when the edit changed no content word).</summary>
    public static (IReadOnlyList<string> Removed, IReadOnlyList<string> Added) ContentChange(string original, string edited, WordNet wordNet)
    {
        var a = Tokens(original);
        var b = Tokens(edited);
        var (removed, added) = Diff(a, b);
        var removedContent = removed.Where(t => IsContent(t, wordNet)).Distinct().ToList();
        var addedContent = added.Where(t => IsContent(t, wordNet)).Distinct().ToList();
        var removedBases = removedContent.ToDictionary(t => t, t => Bases(t, wordNet));
        var addedBases = addedContent.ToDictionary(t => t, t => Bases(t, wordNet));
        return (
            removedContent.Where(t => !addedBases.Values.Any(b => b.Overlaps(removedBases[t]))).ToList(),
            addedContent.Where(t => !removedBases.Values.Any(r => r.Overlaps(addedBases[t]))).ToList());
    }

    /// <summary>Numerals count as content: frames keep them as attributes ("3 people" ≠ "4 people"), though WordNet lists few.</summary>
    public static bool IsContent(string token, WordNet wordNet) =>
        token.All(char.IsDigit)
        || (token.Length >= 2 && token.Any(char.IsLetter) && !FunctionWords.Contains(token) && Bases(token, wordNet).Count > 0);

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’][\p{L}]+)?", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();

    public static IReadOnlyList<string> Tokens(string sentence)
    {
        var tokens = new List<string>();
        foreach (Match m in TokenPattern().Matches(sentence.ToLowerInvariant().Replace('’', '\'')))
        {
            var t = m.Value;
            if (t.EndsWith("n't", StringComparison.Ordinal) && t.Length > 3)
            {
                tokens.Add(t[..^3] switch { "ca" => "can", "wo" => "will", var stem => stem });
                tokens.Add("not");
            }
            else if (t.IndexOf('\'') is var q and > 0)
            {
                tokens.Add(t[..q]);
                tokens.Add(t[(q + 1)..]);
            }
            else
                tokens.Add(t);
        }
        return tokens;
    }

    private static HashSet<string> Bases(string token, WordNet wordNet) =>
        token.All(char.IsDigit) ? [token] : [.. new[] { WordClass.Noun, WordClass.Verb, WordClass.Adjective, WordClass.Adverb }.SelectMany(wc => wordNet.BaseForms(token, wc))];

    /// <summary>Tokens outside a longest common subsequence of <paramref name="a"/> and <paramref name="b"/>.</summary>
    private static (List<string> Removed, List<string> Added) Diff(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var lcs = new int[a.Count + 1, b.Count + 1];
        for (int i = a.Count - 1; i >= 0; i--)
            for (int j = b.Count - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var removed = new List<string>();
        var added = new List<string>();
        int x = 0, y = 0;
        while (x < a.Count && y < b.Count)
        {
            if (a[x] == b[y]) { x++; y++; }
            else if (lcs[x + 1, y] >= lcs[x, y + 1]) removed.Add(a[x++]);
            else added.Add(b[y++]);
        }
        removed.AddRange(a.Skip(x));
        added.AddRange(b.Skip(y));
        return (removed, added);
    }

    private static CounterfactualPair Pair(string split, int row, EditedSide side, string original, string edited, string label, WordNet wn)
    {
        var (removed, added) = ContentChange(original, edited, wn);
        return new CounterfactualPair(split, row, side, original, edited, label, removed, added);
    }

    /// <summary>CAD-NLI TSV: header <c>sentence1 sentence2 gold_label</c>, no quoting.</summary>
    private static List<(string Premise, string Hypothesis, string Label)> ReadTsv(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"counterfactual NLI file '{path}' is missing", path);
        var rows = new List<(string, string, string)>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            if (line.Length == 0)
                continue;
            var f = line.Split('\t');
            if (f.Length < 3)
                throw new InvalidDataException($"{path}: row '{line}' has {f.Length} fields, expected 3");
            rows.Add((f[0].Trim(), f[1].Trim(), f[2].Trim()));
        }
        return rows;
    }
}
