using System.Globalization;

namespace FacetCL.Anchors;

/// <summary>
/// Identifies a WordNet synset: its part of speech and its byte offset in the matching
/// <c>data.*</c> file. Offsets are only unique within one part of speech, hence both.
/// </summary>
public readonly record struct SynsetId(WordClass WordClass, long Offset)
{
    /// <summary>The one-letter part-of-speech code of WordNet (<c>n v a r</c>; satellites use <c>a</c>).</summary>
    public char PosLetter => PosLetterOf(WordClass);

    public override string ToString() => $"{PosLetter}.{Offset.ToString("D8", CultureInfo.InvariantCulture)}";

    internal static char PosLetterOf(WordClass wordClass) => wordClass switch
    {
        WordClass.Noun => 'n',
        WordClass.Verb => 'v',
        WordClass.Adjective => 'a',
        WordClass.Adverb => 'r',
        _ => throw new ArgumentOutOfRangeException(nameof(wordClass), wordClass, null),
    };

    internal static WordClass? ClassOfLetter(char letter) => letter switch
    {
        'n' => WordClass.Noun,
        'v' => WordClass.Verb,
        'a' or 's' => WordClass.Adjective,
        'r' => WordClass.Adverb,
        _ => null,
    };
}

/// <summary>
/// One synset as read from a <c>data.*</c> line: its words (in the database's order, adjective
/// markers such as <c>(a)</c> removed), its hypernyms (<c>@</c> and instance <c>@i</c>), and for
/// adjectives its similar-to links (<c>&amp;</c>, satellite ↔ head).
/// </summary>
public sealed record Synset(
    SynsetId Id,
    IReadOnlyList<string> Words,
    IReadOnlyList<SynsetId> Hypernyms,
    IReadOnlyList<SynsetId> SimilarTo,
    bool Satellite,
    string Gloss)
{
    /// <summary>
    /// A stable, readable name: first word, part of speech, 8-digit offset (e.g. <c>buy.v.02207224</c>).
    /// The offset keeps two synsets apart even when their first words coincide.
    /// </summary>
    public string Key => $"{Words[0].ToLowerInvariant()}.{Id.PosLetter}.{Id.Offset.ToString("D8", CultureInfo.InvariantCulture)}";
}
