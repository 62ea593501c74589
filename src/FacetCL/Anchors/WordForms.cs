using System.Text.RegularExpressions;

namespace FacetCL.Anchors;

/// <summary>
/// Closed-class English words the frame extractor treats specially: auxiliaries and modals (never
/// slot values, but they carry tense), negators, number words (kept as attributes), and the
/// subscripts Link Grammar gives verbs and nouns.
/// </summary>
static partial class WordForms
{
    static readonly HashSet<string> NegativeAdverbs = ["not", "n't", "n’t", "never"];
    static readonly HashSet<string> NegativeDeterminers = ["no", "neither"];
    static readonly HashSet<string> NegativePronouns = ["nobody", "nothing", "none", "noone", "no-one", "neither"];
    static readonly HashSet<string> Auxiliaries =
        ["be", "is", "am", "are", "was", "were", "been", "being", "'s", "'re", "'m",
         "have", "has", "had", "having", "'ve", "'d", "do", "does", "did",
         "will", "shall", "would", "should", "can", "could", "may", "might", "must", "'ll", "wo", "ca", "sha"];
    static readonly HashSet<string> NumberWords =
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty",
         "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion", "dozen", "half", "several"];

    [GeneratedRegex(@"^[+-]?\d[\d.,:/]*(st|nd|rd|th|s)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Numeral();

    /// <summary>"didn't" → "did", "won't" → "will", "can't" → "can": the verb under a negative contraction.</summary>
    public static string WithoutNegation(string word) => word switch
    {
        "won't" => "will",
        "can't" or "cannot" => "can",
        "shan't" => "shall",
        "ain't" => "be",
        _ when word.EndsWith("n't", StringComparison.Ordinal) && word.Length > 3 => word[..^3],
        _ when word.EndsWith("n’t", StringComparison.Ordinal) && word.Length > 3 => word[..^3],
        _ => word,
    };

    public static bool IsNegatedContraction(string word) =>
        word is "cannot" || word.EndsWith("n't", StringComparison.Ordinal) || word.EndsWith("n’t", StringComparison.Ordinal);

    /// <summary>not, n't, never: adverbs that negate the verb they attach to.</summary>
    public static bool IsNegativeAdverb(string word) => NegativeAdverbs.Contains(word);

    /// <summary>"no dog", "neither answer": a negative determiner negates the clause of its noun.</summary>
    public static bool IsNegativeDeterminer(string word) => NegativeDeterminers.Contains(word);

    /// <summary>"Nobody came", "she saw nothing".</summary>
    public static bool IsNegativePronoun(string word) => NegativePronouns.Contains(word);

    public static bool IsAuxiliary(string word) => Auxiliaries.Contains(WithoutNegation(word));

    public static bool IsNumber(string word) => NumberWords.Contains(word) || Numeral().IsMatch(word);

    public static bool IsFuture(string word) => WithoutNegation(word) is "will" or "shall" or "'ll";

    public static bool IsPastAuxiliary(string word) => WithoutNegation(word) is "did" or "was" or "were" or "had";

    /// <summary>Link Grammar verb subscripts: v, w, q (and their -d past, -g gerund, -p participle forms).</summary>
    public static bool IsVerbSubscript(string? s) => s is { Length: > 0 } && s[0] is 'v' or 'w' or 'q';

    /// <summary>Noun-like subscripts: common nouns (n, s mass, u units and times), names (b, f, m, l, o), titles (t). Not p: that marks prepositions.</summary>
    public static bool IsNounSubscript(string? s) => s is { Length: > 0 } && s[0] is 'n' or 's' or 'b' or 'f' or 'm' or 'l' or 'o' or 't' or 'u';

    /// <summary>Past-tense subscripts: v-d, w-d, q-d.</summary>
    public static bool IsPastSubscript(string? s) => s is not null && s.EndsWith("-d", StringComparison.Ordinal);
}
