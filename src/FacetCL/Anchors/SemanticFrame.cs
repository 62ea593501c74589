namespace FacetCL.Anchors;

/// <summary>Grammatical tense of a frame's main predicate.</summary>
public enum Tense { None, Past, Present, Future }

/// <summary>Role of a word (and of the encoder tokens inside it) in the frame.</summary>
public enum TokenRole { Other = 0, Subject = 1, Predicate = 2, Object = 3 }

/// <summary>How an annotation was obtained.</summary>
public enum AnnotationStatus
{
    /// <summary>The parser produced a linkage and a frame was extracted from it.</summary>
    Parsed,
    /// <summary>The parser gave no usable linkage; a heuristic frame was used.</summary>
    Fallback,
    /// <summary>The parser ran past its time limit; a heuristic frame was used.</summary>
    TimedOut,
}

/// <summary>
/// The predicate–argument frame of a sentence's main clause, as surface lemmas (before
/// canonicalisation). Example: "The patient has had a persistent low fever" →
/// subject "patient", predicate "have", object "fever", attributes ["low", "persistent"], tense
/// present, aspect perfect.
/// </summary>
/// <param name="Subject">head lemma of the (logical, active-voice) subject, or null</param>
/// <param name="Predicate">lemma of the main verb (or copula complement's verb "be"), or null</param>
/// <param name="Object">head lemma of the object or complement, or null</param>
/// <param name="Attributes">modifier lemmas of the arguments or the predicate (adjectives, adverbs, durations, numbers), sorted, distinct</param>
/// <param name="Negated">the predicate is negated (not, n't, never, no)</param>
/// <param name="Passive">the surface clause was passive (already turned to active order in Subject/Object)</param>
/// <param name="Aspect">"simple", "perfect", "progressive" or "perfect-progressive"</param>
public sealed record SemanticFrame(
    string? Subject,
    string? Predicate,
    string? Object,
    IReadOnlyList<string> Attributes,
    bool Negated,
    Tense Tense,
    string Aspect,
    bool Passive)
{
    public static SemanticFrame Empty { get; } = new(null, null, null, [], false, Tense.None, "simple", false);

    public bool Equals(SemanticFrame? other) =>
        other is not null && Subject == other.Subject && Predicate == other.Predicate && Object == other.Object
        && Attributes.SequenceEqual(other.Attributes) && Negated == other.Negated && Tense == other.Tense
        && Aspect == other.Aspect && Passive == other.Passive;

    public override int GetHashCode() => HashCode.Combine(Subject, Predicate, Object, string.Join("|", Attributes), Negated, Tense, Aspect, Passive);
}

/// <summary>A word of the sentence with its character span in the original text and its role.</summary>
public sealed record WordRole(string Word, int Start, int Length, TokenRole Role);

/// <summary>Everything the anchoring stage knows about one text.</summary>
/// <param name="Syntax">the parse's shape (link lengths, depth), or null when there was no linkage</param>
public sealed record Annotation(string Text, SemanticFrame Frame, IReadOnlyList<WordRole> Words, AnnotationStatus Status, SyntaxSummary? Syntax = null);
