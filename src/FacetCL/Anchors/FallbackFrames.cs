using System.Text.RegularExpressions;

namespace FacetCL.Anchors;

/// <summary>
/// Frames when the parser gives no usable clause. With a (timed-out or fragmentary) linkage, Link
/// Grammar's subscripts still say which words are nouns and verbs: the first verb is the predicate, the
/// last noun before it the subject, the first noun after it the object. Without one, the frame is empty
/// and the words come from a plain split so their spans still exist for token roles.
/// </summary>
static partial class FallbackFrames
{
    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();

    public static Annotation Build(string text, ParseResult parse, ILemmatizer lemmatizer, AnnotationStatus status)
    {
        if (parse.Failed)
        {
            var words = WordPattern().Matches(text).Select(m => new WordRole(m.Value, m.Index, m.Length, TokenRole.Other)).ToList();
            return new Annotation(text, SemanticFrame.Empty, words, status);
        }
        var g = new LinkGraph(parse);
        var content = Enumerable.Range(0, g.Count).Where(i => !g.IsWall(i) && g.Words[i].Length > 0).ToList();
        var predicate = content.Where(i => WordForms.IsVerbSubscript(g.Subscript(i)) && !WordForms.IsAuxiliary(g.Words[i])).Cast<int?>().FirstOrDefault()
                        ?? content.Where(i => WordForms.IsVerbSubscript(g.Subscript(i))).Cast<int?>().FirstOrDefault();
        bool IsNoun(int i) => WordForms.IsNounSubscript(g.Subscript(i));
        int? subject = predicate is { } p
            ? content.Where(i => i < p && IsNoun(i)).Cast<int?>().LastOrDefault() ?? content.Where(IsNoun).Cast<int?>().FirstOrDefault(i => i != p)
            : content.Where(IsNoun).Cast<int?>().FirstOrDefault();
        int? obj = predicate is { } q ? content.Where(i => i > q && IsNoun(i) && i != subject).Cast<int?>().FirstOrDefault() : null;

        string? Lemma(int? i, WordClass c) => i is { } w ? lemmatizer.Lemma(WordForms.WithoutNegation(g.Words[w]), c).ToLowerInvariant() : null;
        var tense = predicate is { } t
            ? WordForms.IsPastSubscript(g.Subscript(t)) || content.Any(i => i < t && WordForms.IsPastAuxiliary(g.Words[i])) ? Tense.Past
              : content.Any(i => i < t && WordForms.IsFuture(g.Words[i])) ? Tense.Future : Tense.Present
            : Tense.None;
        var negated = content.Any(i => WordForms.IsNegativeAdverb(g.Words[i]) || WordForms.IsNegatedContraction(g.Words[i]));
        // Without a clause, the remaining content words (adjectives, adverbs, other nouns and verbs) are
        // attributes, so fragments such as "a tall man" and "a young man" still differ.
        var attributes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var i in content)
        {
            if (i == subject || i == predicate || i == obj || WordForms.IsAuxiliary(g.Words[i]) || WordForms.IsNegativeAdverb(g.Words[i])) continue;
            var sub = g.Subscript(i);
            WordClass? c = sub is null ? null : sub[0] == 'a' ? WordClass.Adjective : sub[0] == 'e' ? WordClass.Adverb
                : IsNoun(i) ? WordClass.Noun : WordForms.IsVerbSubscript(sub) ? WordClass.Verb : null;
            if (c is { } wc && g.Words[i].Any(char.IsLetterOrDigit)) attributes.Add(Lemma(i, wc)!);
        }
        var frame = new SemanticFrame(Lemma(subject, WordClass.Noun), Lemma(predicate, WordClass.Verb), Lemma(obj, WordClass.Noun), [.. attributes], negated, tense, "simple", false);

        var roles = new Dictionary<int, TokenRole>();
        if (subject is { } s) roles[s] = TokenRole.Subject;
        if (predicate is { } pr) roles[pr] = TokenRole.Predicate;
        if (obj is { } o) roles[o] = TokenRole.Object;
        return new Annotation(text, frame, Roles(parse, roles), status);
    }

    /// <summary>One <see cref="WordRole"/> per real word of the parse (walls left out), in text order.</summary>
    public static IReadOnlyList<WordRole> Roles(ParseResult parse, IReadOnlyDictionary<int, TokenRole> roles)
    {
        var list = new List<WordRole>(parse.Words.Count);
        for (var i = 0; i < parse.Words.Count; i++)
        {
            var w = parse.Words[i];
            if (w.Length == 0 || w.Token is "LEFT-WALL" or "RIGHT-WALL") continue;
            list.Add(new WordRole(w.Surface, w.Start, w.Length, roles.GetValueOrDefault(i, TokenRole.Other)));
        }
        return list;
    }
}
