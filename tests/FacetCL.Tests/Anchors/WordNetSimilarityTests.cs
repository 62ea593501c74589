using FacetCL.Anchors;

namespace FacetCL.Tests.Anchors;

public class WordNetSimilarityTests
{
    private static readonly WordNetSimilarity Sim = new();

    [Theory]
    [InlineData("dog", "dog", WordClass.Noun, WordNetSimilarity.Same)]
    [InlineData("Dog", "dog ", WordClass.Noun, WordNetSimilarity.Same)]
    [InlineData("car", "automobile", WordClass.Noun, WordNetSimilarity.SharedSense)]
    [InlineData("buy", "purchase", WordClass.Verb, WordNetSimilarity.SharedSense)]
    [InlineData("big", "large", WordClass.Adjective, WordNetSimilarity.SharedSense)]
    [InlineData("dog", "canine", WordClass.Noun, WordNetSimilarity.NearHypernym)]
    [InlineData("canine", "dog", WordClass.Noun, WordNetSimilarity.NearHypernym)]
    [InlineData("dog", "carnivore", WordClass.Noun, WordNetSimilarity.NearHypernym)]
    [InlineData("huge", "big", WordClass.Adjective, WordNetSimilarity.NearHypernym)]
    [InlineData("dog", "mammal", WordClass.Noun, 0.0)]
    [InlineData("dog", "table", WordClass.Noun, 0.0)]
    [InlineData("zorblax", "zorblux", WordClass.Noun, 0.0)]
    [InlineData("ice cream", "ice_cream", WordClass.Noun, 0.0)]
    public void RanksRelations(string a, string b, WordClass wc, double expected) =>
        Assert.Equal(expected, Sim.Similarity(a, b, wc));

    [Fact]
    public void UnderstandsCanonicalKeys()
    {
        var c = new Canonicalizer();
        var key = c.CanonicalWord("purchase", WordClass.Verb)!;
        Assert.Equal(WordNetSimilarity.SharedSense, Sim.Similarity(key, "buy", WordClass.Verb));
        Assert.Equal(WordNetSimilarity.NearHypernym, Sim.Similarity(c.CanonicalWord("dog", WordClass.Noun)!, "canine", WordClass.Noun));
    }
}
