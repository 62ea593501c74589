namespace FacetCL.Anchors;

/// <summary>The WordNet parts of speech that slots are looked up under.</summary>
public enum WordClass { Noun, Verb, Adjective, Adverb }

/// <summary>Turns an inflected word into its dictionary form ("had" → "have", "fevers" → "fever").</summary>
public interface ILemmatizer
{
    string Lemma(string word, WordClass wordClass);
}

/// <summary>
/// How close two canonical slot values are, in [0, 1]: 1 for the same value, less for related
/// ones (e.g. synonyms or hypernyms through WordNet), 0 for unrelated. Used by the soft text → anchor match.
/// </summary>
public interface ISlotSimilarity
{
    double Similarity(string a, string b, WordClass wordClass);
}

/// <summary>
/// A frame after canonicalisation: lemmas lower-cased, determiners and auxiliaries gone,
/// passive turned to active order, synonyms folded to one WordNet synset representative.
/// Texts whose canonical slots are equal state the same proposition and share a fingerprint.
/// </summary>
public sealed record CanonicalSlots(string? Subject, string? Predicate, string? Object, IReadOnlyList<string> Attributes, bool Negated, Tense Tense)
{
    public bool Equals(CanonicalSlots? other) =>
        other is not null && Subject == other.Subject && Predicate == other.Predicate && Object == other.Object
        && Attributes.SequenceEqual(other.Attributes) && Negated == other.Negated && Tense == other.Tense;

    public override int GetHashCode() => HashCode.Combine(Subject, Predicate, Object, string.Join("|", Attributes), Negated, Tense);
}
