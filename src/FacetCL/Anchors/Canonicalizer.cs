using System.Text;
using System.Text.RegularExpressions;

namespace FacetCL.Anchors;

/// <summary>
/// Turns a <see cref="SemanticFrame"/> into <see cref="CanonicalSlots"/>, the input of the
/// fingerprint. Rules, in order, for each slot value:
/// <list type="number">
/// <item>Unicode NFC, trimmed, lower-cased (invariant culture); a Link Grammar subscript or mark
///   (<c>fever.n</c>, <c>dog[?]</c>), a possessive <c>'s</c> and
///   leading determiners ("the dog") are cut off.</item>
/// <item>Noise is dropped: determiners and possessive pronouns everywhere (a demonstrative alone as subject or object is a pronoun and stays); auxiliaries and modals in
///   arguments and attributes; pronouns in attributes (a possessive "her"); a modal as the predicate; the expletive subject "there". A negation word
///   in the attributes ("not", "never", "no") is removed and sets <see cref="CanonicalSlots.Negated"/>.</item>
/// <item>Personal pronouns fold to the nominative ("him" → "he") and bypass WordNet, where "it" and
///   "i" are nouns with unrelated senses.</item>
/// <item>The value is lemmatised (morphy, <see cref="WordNet.BaseForms"/>) under its class: noun for
///   subject and object, verb for the predicate, adjective else adverb else noun for attributes.</item>
/// <item>Synonyms fold to one representative. SENSE CHOICE: the lemma's most frequent sense, i.e. the
///   first synset on its index line for that class; the representative is that synset's
///   <see cref="Synset.Key"/> (<c>buy.v.02207224</c>). So "purchase" and "buy", whose first verb
///   senses are the same synset, fold together; words whose first senses differ never merge, even
///   when one is a rarer sense of the other. Words WordNet does not know (names, numbers) stay as
///   lower-cased lemmas. A value that is already a synset key is kept (canonicalisation is idempotent).</item>
/// </list>
/// Attributes are then sorted (ordinal) and distinct. Tense is kept as the frame gives it; aspect and
/// voice are not part of the proposition: "has chased" (present perfect) and "chased" (past) differ
/// only because their tenses differ, "is chasing" and "chases" (both present) do not differ. Number is
/// not part of it either: slots are lemmas, so "dogs" and "dog" are one subject.
/// </summary>
public sealed partial class Canonicalizer(WordNet wordNet)
{
    private readonly WordNetLemmatizer _lemmatizer = new(wordNet);

    public Canonicalizer() : this(WordNet.Default) { }

    public WordNet WordNet => wordNet;

    /// <summary>Where a slot's value is looked up: attributes may be adjectives, adverbs or nouns ("two hours").</summary>
    public static IReadOnlyList<WordClass> ClassesFor(WordClass wordClass) =>
        wordClass == WordClass.Adjective ? [WordClass.Adjective, WordClass.Adverb, WordClass.Noun] : [wordClass];

    public CanonicalSlots Canonicalize(SemanticFrame frame)
    {
        bool negated = frame.Negated;
        var attributes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var raw in frame.Attributes)
        {
            var clean = Clean(raw);
            if (clean is null)
                continue;
            if (SlotNoise.Negations.Contains(clean))
            {
                negated = true;
                continue;
            }
            if (SlotNoise.Auxiliaries.Contains(clean) || SlotNoise.Pronouns.ContainsKey(clean))
                continue;
            var value = Fold(clean, WordClass.Adjective);
            if (value is not null)
                attributes.Add(value);
        }

        var subject = Clean(frame.Subject, argument: true);
        if (subject is not null && SlotNoise.Expletives.Contains(subject))
            subject = null;
        var predicate = Clean(frame.Predicate);
        if (predicate is not null && SlotNoise.Modals.Contains(predicate))
            predicate = null;
        return new CanonicalSlots(
            Argument(subject),
            predicate is null ? null : Fold(predicate, WordClass.Verb),
            Argument(Clean(frame.Object, argument: true)),
            [.. attributes],
            negated,
            frame.Tense);
    }

    /// <summary>The canonical value of one word in a slot of the given class (null when it is noise).</summary>
    public string? CanonicalWord(string? word, WordClass wordClass)
    {
        var clean = Clean(word);
        if (clean is null)
            return null;
        return wordClass == WordClass.Noun ? Argument(clean) : Fold(clean, wordClass);
    }

    private string? Argument(string? clean)
    {
        if (clean is null || SlotNoise.Auxiliaries.Contains(clean) || SlotNoise.Negations.Contains(clean))
            return null;
        return SlotNoise.Pronouns.TryGetValue(clean, out var nominative) ? nominative : Fold(clean, WordClass.Noun);
    }

    private string? Fold(string clean, WordClass wordClass)
    {
        if (SynsetKey.TryParse(clean, out _))
            return clean;
        if (SlotNoise.Pronouns.TryGetValue(clean, out var nominative))
            return nominative;
        foreach (var wc in ClassesFor(wordClass))
        {
            var lemma = wordNet.BaseForm(clean, wc);
            if (lemma is not null && wordNet.FirstSynset(lemma, wc) is { } first)
                return wordNet.Synset(first).Key;
        }
        return _lemmatizer.Lemma(clean, ClassesFor(wordClass)[0]);
    }

    [GeneratedRegex(@"(\[[!?~a-z]*\]|\.[a-z](-[a-z]+)?|['’]s?)$", RegexOptions.CultureInvariant)]
    private static partial Regex Trailer();

    /// <summary>
    /// Normalises the surface (NFC, case, whitespace, parser marks); null for empty or determiner-only values,
    /// except that a demonstrative alone in an argument slot is a pronoun ("This is what he did").
    /// </summary>
    private static string? Clean(string? raw, bool argument = false)
    {
        if (string.IsNullOrWhiteSpace(raw))
            return null;
        var words = raw.Normalize(NormalizationForm.FormC).ToLowerInvariant()
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToList();
        // A multi-word value may carry its determiner ("the dog"): leading determiners go.
        while (words.Count > 1 && SlotNoise.Determiners.Contains(words[0]))
            words.RemoveAt(0);
        var s = string.Join(' ', words);
        if (SynsetKey.TryParse(s, out _))
            return s;
        if (s is not ("'s" or "’s" or "n't"))
        {
            for (var m = Trailer().Match(s); m.Success && m.Index > 0; m = Trailer().Match(s))
                s = s[..m.Index];
        }
        s = s.Trim();
        if (argument && SlotNoise.Demonstratives.Contains(s))
            return s;
        return s.Length == 0 || SlotNoise.Determiners.Contains(s) ? null : s;
    }
}
