namespace FacetCL.Anchors;

/// <summary>
/// Shape of a sentence's parse, kept with its annotation for the syntax factor (<see cref="Factors.SyntaxLabeler"/>):
/// link lengths in words between linked words (links to the walls left out) and the parse depth, the
/// largest number of links on a shortest path from the left wall to a word.
/// </summary>
/// <param name="Words">real words of the linkage (walls left out)</param>
/// <param name="Links">links between real words</param>
/// <param name="MeanLinkLength">mean of |right − left| over those links (1 = neighbours), 0 without links</param>
/// <param name="MaxLinkLength">the longest such link</param>
/// <param name="Depth">parse depth from the left wall (0 without links)</param>
/// <param name="NullWords">words the parser left unlinked</param>
public sealed record SyntaxSummary(int Words, int Links, double MeanLinkLength, int MaxLinkLength, int Depth, int NullWords)
{
    /// <summary>The summary of a parse, or null when the parse has no linkage.</summary>
    public static SyntaxSummary? Of(ParseResult parse)
    {
        if (parse.Failed || parse.Words.Count == 0) return null;
        var wall = new bool[parse.Words.Count];
        for (var i = 0; i < wall.Length; i++) wall[i] = LinkGrammarToken.Split(parse.Words[i].Token).Word is "LEFT-WALL" or "RIGHT-WALL";
        var inner = parse.Links.Where(l => l.Left >= 0 && l.Right < wall.Length && !wall[l.Left] && !wall[l.Right] && l.Left != l.Right).ToList();
        var lengths = inner.Select(l => Math.Abs(l.Right - l.Left)).ToList();

        // Breadth-first from the left wall (word 0) over every link.
        var next = new List<int>[wall.Length];
        for (var i = 0; i < next.Length; i++) next[i] = [];
        foreach (var l in parse.Links.Where(l => l.Left >= 0 && l.Right < wall.Length))
        {
            next[l.Left].Add(l.Right);
            next[l.Right].Add(l.Left);
        }
        var depth = new int[wall.Length];
        Array.Fill(depth, -1);
        depth[0] = 0;
        var queue = new Queue<int>([0]);
        while (queue.Count > 0)
        {
            var w = queue.Dequeue();
            foreach (var n in next[w].Where(n => depth[n] < 0))
            {
                depth[n] = depth[w] + 1;
                queue.Enqueue(n);
            }
        }
        var real = Enumerable.Range(0, wall.Length).Where(i => !wall[i]).ToList();
        return new SyntaxSummary(real.Count, inner.Count, lengths.Count > 0 ? Math.Round(lengths.Average(), 4) : 0, lengths.Count > 0 ? lengths.Max() : 0,
            real.Count > 0 ? Math.Max(0, real.Max(i => depth[i])) : 0, real.Count(i => next[i].Count == 0));
    }
}
