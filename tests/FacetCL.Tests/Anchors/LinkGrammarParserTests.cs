using FacetCL.Anchors;
using Xunit.Abstractions;

namespace FacetCL.Tests.Anchors;

public class LinkGrammarParserTests(ITestOutputHelper output)
{
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    [Fact]
    public void ParsesASentenceIntoWordsAndLinks()
    {
        using var parser = new LinkGrammarParser();
        var r = parser.Parse("The dog chased the cat.", Limit);
        Dump(r);
        Assert.False(r.Failed);
        Assert.False(r.TimedOut);
        var dog = r.Words.Single(w => w.Surface == "dog");
        Assert.Equal("n", dog.Subscript);
        Assert.Equal(4, dog.Start);
        Assert.Contains(r.Links, l => l.Label.StartsWith('S') && r.Words[l.Left].Surface == "dog" && r.Words[l.Right].Surface == "chased");
    }

    [Fact]
    public void SpansAreUtf16IndicesOfTheOriginalText()
    {
        using var parser = new LinkGrammarParser();
        const string text = "Héllo 😀 wörld, the café didn't open.";
        var r = parser.Parse(text, Limit);
        Dump(r);
        Assert.False(r.Failed);
        foreach (var w in r.Words.Where(w => w.Length > 0))
            Assert.Equal(w.Surface, text.Substring(w.Start, w.Length));
        Assert.Contains(r.Words, w => w.Surface == "café" && text.Substring(w.Start, w.Length) == "café");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\0\0\u0001")]
    [InlineData("\uD800 lone surrogate")]
    [InlineData("!!!??? ... ---")]
    [InlineData("asdf qwer zxcv!!")]
    [InlineData("ünïcödé ταυτότητα 你好世界 مرحبا")]
    public void OddInputNeverThrows(string text)
    {
        using var parser = new LinkGrammarParser();
        var r = parser.Parse(text, Limit);
        Dump(r);
        foreach (var w in r.Words)
            Assert.InRange(w.Start + w.Length, 0, text.Length);
    }

    [Fact]
    public void OverLongTextFailsWithoutParsing()
    {
        using var parser = new LinkGrammarParser(new LinkGrammarOptions(MaxTextLength: 50));
        var r = parser.Parse(string.Join(' ', Enumerable.Repeat("The dog barked.", 10)), Limit);
        Assert.True(r.Failed);
    }

    [Fact]
    public void TinyTimeLimitReportsTimeout()
    {
        using var parser = new LinkGrammarParser();
        var r = parser.Parse(LongSentence, TimeSpan.FromMilliseconds(1));
        Assert.True(r.TimedOut);
    }

    internal const string LongSentence =
        "The committee, which had met for several hours in the crowded room on the third floor of the old building near the river, " +
        "finally decided that the proposal submitted by the young engineer from the northern office would be reviewed again next month " +
        "after the budget figures had been checked by the auditors and the director had returned from her long trip abroad.";

    void Dump(ParseResult r)
    {
        output.WriteLine($"timedOut={r.TimedOut} nulls={r.NullCount}");
        foreach (var w in r.Words) output.WriteLine($"  {w.Token} [{w.Surface}] sub={w.Subscript} {w.Start}+{w.Length}");
        foreach (var l in r.Links) output.WriteLine($"  {r.Words[l.Left].Token} -{l.Label}- {r.Words[l.Right].Token}");
    }
}
