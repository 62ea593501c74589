namespace FacetCL.Anchors;

/// <summary>A word of a parse: surface form as the parser printed it (with its subscript, e.g. <c>fever.n</c>) and its span in the text.</summary>
public sealed record ParsedWord(string Token, string Surface, string? Subscript, int Start, int Length);

/// <summary>A labelled link between two words of a parse (indices into <see cref="ParseResult.Words"/>).</summary>
public sealed record ParsedLink(int Left, int Right, string Label);

public sealed record ParseResult(IReadOnlyList<ParsedWord> Words, IReadOnlyList<ParsedLink> Links, bool TimedOut)
{
    public bool Failed => Words.Count == 0;

    /// <summary>Words the parser had to leave unlinked to find a linkage (0 for a fully grammatical parse).</summary>
    public int NullCount { get; init; }
}

/// <summary>
/// A syntactic parser. The default is Link Grammar (<c>LinkGrammarParser</c>); another
/// parser can replace it if it reports Link-Grammar-style link labels (S subject, O object,
/// A adjective, E/MV modifiers, N negation, P/PP/Pv participles, I infinitive), which is what
/// <c>FrameExtractor</c> reads.
/// </summary>
public interface ISyntacticParser : IDisposable
{
    /// <summary>Parses one sentence; gives up after <paramref name="timeLimit"/> (then <see cref="ParseResult.TimedOut"/>).</summary>
    ParseResult Parse(string text, TimeSpan timeLimit);
}
