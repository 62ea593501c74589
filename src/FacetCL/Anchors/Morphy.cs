namespace FacetCL.Anchors;

/// <summary>
/// The detachment rules of WordNet's morphy(7WN): suffix → ending, tried in this order, per part
/// of speech. A candidate counts only if the index holds it (checked by the caller).
/// </summary>
internal static class Morphy
{
    private static readonly (string Suffix, string Ending)[] NounRules =
        [("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"), ("ies", "y")];

    private static readonly (string Suffix, string Ending)[] VerbRules =
        [("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")];

    private static readonly (string Suffix, string Ending)[] AdjectiveRules =
        [("er", ""), ("est", ""), ("er", "e"), ("est", "e")];

    /// <summary>Candidate base forms of <paramref name="word"/> by the detachment rules (not yet checked against the index).</summary>
    public static IEnumerable<string> Candidates(string word, WordClass wordClass)
    {
        // morphy leaves nouns in "ss" ("glass") and very short words alone.
        if (word.Length <= 2 || (wordClass == WordClass.Noun && word.EndsWith("ss", StringComparison.Ordinal)))
            yield break;
        var rules = wordClass switch
        {
            WordClass.Noun => NounRules,
            WordClass.Verb => VerbRules,
            WordClass.Adjective => AdjectiveRules,
            _ => [],
        };
        foreach (var (suffix, ending) in rules)
        {
            if (word.Length > suffix.Length && word.EndsWith(suffix, StringComparison.Ordinal))
                yield return word[..^suffix.Length] + ending;
        }
    }
}
