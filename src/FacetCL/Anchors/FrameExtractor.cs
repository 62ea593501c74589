namespace FacetCL.Anchors;

/// <summary>
/// Reads the main clause of a Link Grammar parse into a <see cref="SemanticFrame"/>.
/// <list type="bullet">
/// <item>Predicate: the verb the wall's WV link points at, climbed up its auxiliary chain (PP perfect,
/// Pg progressive, Pv passive, I after modals/do/will) to the finite verb, which carries tense and the
/// S link to the subject, then down the same chain to the content verb ("has had" → have,
/// "is playing" → play, "was eaten" → eat).</item>
/// <item>Subject: the other end of the finite verb's S link (inverted SI too), through coordinations.</item>
/// <item>Object: the content verb's O link; else a predicative adjective (Pa): for a copula "The sky is
/// blue" the complement "blue" is the Object, so "the sky is blue" and "the sky is red" differ in a slot,
/// not only in an attribute.</item>
/// <item>A clausal complement ("I think that he left", "she said her name was Jane", CV/TH links) is the Object
/// when there is no O or Pa: one value "subject [not] verb object" in lemmas, its modifiers attributes.</item>
/// <item>A verb coordination ("sat down and started laughing") stands for its first conjunct; the other conjuncts'
/// verbs, objects and modifiers are attributes. A question ("Are you from the U.S.?") is read from the wall's Q link.</item>
/// <item>Passive (a Pv in the chain): the "by" agent becomes the Subject and the surface subject the Object.</item>
/// <item>Attributes: adjectives (A), noun modifiers (AN), numbers (ND, numeric determiners), time words (DT)
/// of the argument nouns; adverbs (E, EB, MVa) of the verbs and of adjectives; heads of the verb's and the
/// arguments' prepositional phrases (MVp/Mp → J) with their own adjectives and numbers; participles modifying
/// the argument nouns (Mg/Mv: "a woman wearing a red skirt") and infinitive complements of the verb (IV, TO → I:
/// "tries to catch a ball") with their objects, adverbs and prepositional phrases; a preposition without an object
/// ("people are outside") itself; a preposition's gerund ("tired from riding a bike"); the subject and verb of a
/// subordinate clause (MVs → C/CV: "… while another child watches"); a predicative adjective's prepositional phrases. A list's coordination ("a street, cars, and a man") stands for its first conjunct.</item>
/// <item>Tense: from the finite verb ("-d" subscript, past auxiliary, will/shall); a regular "-ed" finite verb that
/// Link Grammar subscripts plainly "v" is past too.</item>
/// </list>
/// Determiners and auxiliaries never fill a slot. When the parse failed, timed out, or has no clause,
/// a heuristic frame from the word subscripts is used (its other content words become attributes) and the status says so.
/// </summary>
public sealed class FrameExtractor
{
    /// <summary>Stored with cached annotations: change it whenever the extraction rules change, so caches re-parse.</summary>
    public const string Version = "lg5-frame-5";

    public Annotation Extract(string text, ParseResult parse, ILemmatizer lemmatizer) =>
        ExtractFrame(text, parse, lemmatizer) with { Syntax = parse.TimedOut ? null : SyntaxSummary.Of(parse) };

    static Annotation ExtractFrame(string text, ParseResult parse, ILemmatizer lemmatizer)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(lemmatizer);
        if (parse.Failed) return FallbackFrames.Build(text, parse, lemmatizer, parse.TimedOut ? AnnotationStatus.TimedOut : AnnotationStatus.Fallback);
        if (parse.TimedOut) return FallbackFrames.Build(text, parse, lemmatizer, AnnotationStatus.TimedOut);
        var clause = new ClauseReader(new LinkGraph(parse), lemmatizer).Read();
        if (clause is null) return FallbackFrames.Build(text, parse, lemmatizer, AnnotationStatus.Fallback);
        return new Annotation(text, clause.Value.Frame, FallbackFrames.Roles(parse, clause.Value.Roles), AnnotationStatus.Parsed);
    }
}
