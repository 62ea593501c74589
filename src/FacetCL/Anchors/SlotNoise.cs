namespace FacetCL.Anchors;

/// <summary>
/// Closed-class words that carry no proposition content in a slot. The frame extractor should
/// not emit them, but a fallback frame or an odd parse can let one slip in; WordNet cannot be
/// trusted to reject them ("it" is a noun there, "a" too, "do" a noun, "can" a verb).
/// </summary>
internal static class SlotNoise
{
    /// <summary>Dropped from every slot.</summary>
    public static readonly HashSet<string> Determiners = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "this", "that", "these", "those", "some", "any", "each", "every", "either", "neither",
        "my", "your", "his", "its", "our", "their", "whose", "which", "what",
        "to", "of", "'s", "’s",
    };

    /// <summary>Determiners that are pronouns when they fill an argument alone ("this is what he did").</summary>
    public static readonly HashSet<string> Demonstratives = new(StringComparer.Ordinal) { "this", "that", "these", "those" };

    /// <summary>Auxiliaries and modals: dropped from attributes and from the argument slots; as the predicate only the modals are noise.</summary>
    public static readonly HashSet<string> Auxiliaries = new(StringComparer.Ordinal)
    {
        "be", "am", "is", "are", "was", "were", "been", "being", "'s", "'re", "'m",
        "have", "has", "had", "having", "'ve", "'d",
        "do", "does", "did",
        "will", "would", "shall", "should", "can", "could", "may", "might", "must", "ought", "'ll", "wo", "ca",
    };

    public static readonly HashSet<string> Modals = new(StringComparer.Ordinal)
    {
        "will", "would", "shall", "should", "can", "could", "may", "might", "must", "ought", "'ll", "wo", "ca",
    };

    /// <summary>Negation words: in attributes they are turned into the frame's negation flag.</summary>
    public static readonly HashSet<string> Negations = new(StringComparer.Ordinal) { "not", "n't", "never", "no", "nor" };

    /// <summary>Personal pronouns folded to their nominative form (passive → active turns "by him" into a subject).</summary>
    public static readonly Dictionary<string, string> Pronouns = new(StringComparer.Ordinal)
    {
        ["i"] = "i",
        ["me"] = "i",
        ["myself"] = "i",
        ["you"] = "you",
        ["yourself"] = "you",
        ["yourselves"] = "you",
        ["he"] = "he",
        ["him"] = "he",
        ["himself"] = "he",
        ["she"] = "she",
        ["her"] = "she",
        ["herself"] = "she",
        ["it"] = "it",
        ["itself"] = "it",
        ["we"] = "we",
        ["us"] = "we",
        ["ourselves"] = "we",
        ["they"] = "they",
        ["them"] = "they",
        ["themselves"] = "they",
        ["who"] = "who",
        ["whom"] = "who",
        ["someone"] = "someone",
        ["somebody"] = "someone",
        ["everyone"] = "everyone",
        ["everybody"] = "everyone",
        ["something"] = "something",
        ["everything"] = "everything",
        ["nothing"] = "nothing",
        ["nobody"] = "nobody",
    };

    /// <summary>Expletive subjects ("there is a dog") that name no participant.</summary>
    public static readonly HashSet<string> Expletives = new(StringComparer.Ordinal) { "there" };
}
