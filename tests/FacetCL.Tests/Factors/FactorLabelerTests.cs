using FacetCL.Anchors;
using FacetCL.Data;
using FacetCL.Factors;

namespace FacetCL.Tests.Factors;

/// <summary>Each factor's labeler on hand-labelled sentences, with the values worked out by hand.</summary>
public class FactorLabelerTests
{
    static readonly FactorLabeler Labeler = new(DataRoot.Resolve(null));
    static readonly AnchoringPipeline Pipeline = new();

    static FactorLabels Label(string text) => Labeler.Label(Pipeline.Annotate([text]).Annotations[0]);

    [Fact]
    public void SyntaxSummaryCountsLinkLengthsAndDepthWithoutTheWalls()
    {
        // LEFT-WALL a b c RIGHT-WALL; links wall–a, a–b, a–c, c–right wall.
        var parse = new ParseResult(
            [new("LEFT-WALL", "", null, 0, 0), new("a", "a", null, 0, 1), new("b", "b", null, 2, 1), new("c", "c", null, 4, 1), new("RIGHT-WALL", "", null, 5, 0)],
            [new(0, 1, "W"), new(1, 2, "S"), new(1, 3, "O"), new(3, 4, "RW")], false);
        var s = SyntaxSummary.Of(parse)!;
        // Inner links a–b (1) and a–c (2): mean 1.5, max 2; depth: a 1, b 2, c 2.
        Assert.Equal(new SyntaxSummary(3, 2, 1.5, 2, 2, 0), s);
        var a = new Annotation("a b c", SemanticFrame.Empty, [], AnnotationStatus.Parsed, s);
        Assert.Equal(new FactorLabel(1.5, 0), SyntaxLabeler.Label(a));
        Assert.Equal(2, SyntaxLabeler.Label(a with { Syntax = s with { MeanLinkLength = 2.5 } }).Bin);
        Assert.Equal(FactorLabel.Unknown.Bin, SyntaxLabeler.Label(a with { Syntax = null }).Bin);
    }

    [Fact]
    public void LongRangeDependenciesRaiseTheSyntaxValue()
    {
        var local = Label("Dogs bark loudly.")[FactorKind.Syntax];
        var nested = Label("The book that the man who I met yesterday at the station wrote is on the table.")[FactorKind.Syntax];
        Assert.Equal(0, local.Bin);
        Assert.Equal(2, nested.Bin);
        Assert.True(nested.Value > local.Value + 0.5, $"{nested.Value} vs {local.Value}");
    }

    [Fact]
    public void RoleDensityIsArgumentsPerPredicatePerTenWords()
    {
        WordRole W(string w, TokenRole r) => new(w, 0, w.Length, r);
        // "The old man slowly ate a red apple." — subject, object and three attributes; one predicate word; eight words.
        var frame = new SemanticFrame("man", "eat", "apple", ["old", "red", "slowly"], false, Tense.Past, "simple", false);
        var words = new[] { W("The", TokenRole.Other), W("old", TokenRole.Other), W("man", TokenRole.Subject), W("slowly", TokenRole.Other),
            W("ate", TokenRole.Predicate), W("a", TokenRole.Other), W("red", TokenRole.Other), W("apple", TokenRole.Object), W(".", TokenRole.Other) };
        var a = new Annotation("The old man slowly ate a red apple.", frame, words, AnnotationStatus.Parsed);
        Assert.Equal(new FactorLabel(6.25, 2), RoleDensityLabeler.Label(a)); // 10 · 5 / 1 / 8
        // "Somebody slept somewhere quietly today." with only a predicate: 10 · 0 / 1 / 5 = 0.
        var sparse = a with { Frame = SemanticFrame.Empty with { Predicate = "sleep" }, Words = words.Take(5).ToList() };
        Assert.Equal(new FactorLabel(0, 0), RoleDensityLabeler.Label(sparse));
        Assert.Equal(-1, RoleDensityLabeler.Label(a with { Frame = SemanticFrame.Empty }).Bin); // no predicate
    }

    [Theory]
    [InlineData("He sleeps.", 0.0, 0)]
    [InlineData("He will leave.", 1.0, 1)]
    [InlineData("He has left the house.", 0.5, 1)]
    [InlineData("Yesterday, on March 3 2019, he left.", 4.0, 2)] // past 1 + yesterday, March, 2019
    [InlineData("The meeting lasted three hours.", 2.0, 2)]       // past 1 + "three hours"
    public void TemporalExplicitnessCountsTenseAndTimeExpressions(string text, double value, int bin)
    {
        var label = Label(text)[FactorKind.Temporal];
        Assert.Equal(value, label.Value, 6);
        Assert.Equal(bin, label.Bin);
    }

    [Theory]
    [InlineData("I absolutely love this wonderful, moving film.", 2)]
    [InlineData("A dull, lifeless and boring mess.", 0)]
    [InlineData("The worst movie I have ever seen.", 0)]
    [InlineData("A beautiful and touching story with a great cast.", 2)]
    public void SentimentPolarityFromTheLexicon(string text, int bin) => Assert.Equal(bin, Label(text)[FactorKind.Sentiment].Bin);

    [Theory]
    [InlineData("You should see it: a masterpiece, I think.", 0)]
    [InlineData("It's the kind of movie that makes you wish you had stayed home.", 0)]
    [InlineData("In 1943, a young soldier is sent to a remote island to guard a lighthouse.", 1)]
    [InlineData("After her husband dies, a widow moves to the city with her two sons.", 1)]
    public void FactualityFromTheSubjectivityLexicon(string text, int bin) => Assert.Equal(bin, Label(text)[FactorKind.Factuality].Bin);

    [Fact]
    public void LexiconScoresAreSmoothedLogOdds()
    {
        // "good": 3 of 3 in class 1; "bad": 3 of 3 in class 0; "film" in both. N₁ = N₀ = 5 words, V = 3.
        var lexicon = LogOddsLexicon.Build([("good good film", 1), ("good film", 1), ("bad bad film", 0), ("bad film", 0)], minCount: 1, minScore: 0.1);
        Assert.Equal(Math.Log(4.0 / 8) - Math.Log(1.0 / 8), lexicon.ScoreOf("good")!.Value, 12);
        Assert.Equal(-lexicon.ScoreOf("good")!.Value, lexicon.ScoreOf("bad")!.Value, 12);
        Assert.Null(lexicon.ScoreOf("film")); // log-odds 0: below minScore
        Assert.Equal(Math.Tanh(lexicon.ScoreOf("good")!.Value / 2), lexicon.Score("Good!"), 12);
        Assert.Equal(0, lexicon.Score("film"));
    }
}
