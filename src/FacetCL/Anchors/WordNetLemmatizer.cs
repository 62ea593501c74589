namespace FacetCL.Anchors;

/// <summary>
/// <see cref="ILemmatizer"/> over WordNet's morphy: "ran" → "run", "geese" → "goose",
/// "better" (adjective) → "good". A word WordNet does not know under the class (a name, a number,
/// a typo) comes back lower-cased and trimmed, unchanged otherwise. Multi-word lemmas come back with spaces.
/// </summary>
public sealed class WordNetLemmatizer(WordNet wordNet) : ILemmatizer
{
    public WordNetLemmatizer() : this(WordNet.Default) { }

    public string Lemma(string word, WordClass wordClass)
    {
        var found = wordNet.BaseForm(word, wordClass);
        return (found ?? WordNet.IndexForm(word)).Replace('_', ' ');
    }
}
