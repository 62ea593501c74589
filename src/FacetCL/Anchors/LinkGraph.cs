namespace FacetCL.Anchors;

/// <summary>
/// A parse viewed as a graph, with the lookups <see cref="FrameExtractor"/> needs: the links at a
/// word, a link label split into its type (upper-case head, "MV" of "MVp") and subtype ("p"), and
/// each word's lower-cased text without Link Grammar's subscript.
/// </summary>
sealed class LinkGraph
{
    readonly ParseResult parse;
    readonly List<Link>[] at;

    public readonly record struct Link(int Left, int Right, string Type, string Sub)
    {
        public int Other(int word) => word == Left ? Right : Left;
    }

    public LinkGraph(ParseResult parse)
    {
        this.parse = parse;
        Words = parse.Words.Select(w => (w.Surface.Length > 0 ? w.Surface : LinkGrammarToken.Split(w.Token).Word).ToLowerInvariant()).ToArray();
        at = new List<Link>[parse.Words.Count];
        for (var i = 0; i < at.Length; i++) at[i] = [];
        foreach (var l in parse.Links)
        {
            if (l.Left < 0 || l.Right < 0 || l.Left >= at.Length || l.Right >= at.Length) continue;
            var (type, sub) = SplitLabel(l.Label);
            var link = new Link(l.Left, l.Right, type, sub);
            at[l.Left].Add(link);
            if (l.Right != l.Left) at[l.Right].Add(link);
        }
    }

    /// <summary>Lower-cased word text (the span of the original text when known).</summary>
    public string[] Words { get; }

    public int Count => at.Length;

    public string? Subscript(int word) => parse.Words[word].Subscript;

    public bool IsWall(int word) => parse.Words[word].Token is "LEFT-WALL" or "RIGHT-WALL";

    /// <summary>Links where <paramref name="word"/> is the left end.</summary>
    public IEnumerable<Link> Right(int word, string type) => at[word].Where(l => l.Left == word && l.Type == type);

    /// <summary>Links where <paramref name="word"/> is the right end.</summary>
    public IEnumerable<Link> Left(int word, string type) => at[word].Where(l => l.Right == word && l.Type == type);

    public IEnumerable<Link> All(int word) => at[word];

    public IEnumerable<Link> Links => at.SelectMany((list, i) => list.Where(l => l.Left == i));

    static (string Type, string Sub) SplitLabel(string label)
    {
        var n = 0;
        while (n < label.Length && char.IsAsciiLetterUpper(label[n])) n++;
        return (label[..n], label[n..]);
    }
}
