using FacetCL.Diagnostics;

namespace FacetCL.Tests.Diagnostics;

public class TextNoiseTests
{
    const string Sentence = "A man is driving his car down the long road.";
    readonly TextNoise noise = new();

    [Theory]
    [InlineData(NoiseKind.Typo)]
    [InlineData(NoiseKind.TokenDrop)]
    [InlineData(NoiseKind.SynonymSwap)]
    public void SeededAndRepeatable(NoiseKind kind)
    {
        var a = noise.Apply(Sentence, kind, 0.5, seed: 3, index: 11);
        Assert.Equal(a, noise.Apply(Sentence, kind, 0.5, seed: 3, index: 11));
        Assert.Equal(Sentence, noise.Apply(Sentence, kind, 0, seed: 3, index: 11));
        // Over many indices the noise must actually change texts.
        Assert.Contains(Enumerable.Range(0, 20), i => noise.Apply(Sentence, kind, 0.5, 3, i) != Sentence);
    }

    [Fact]
    public void TokenDropKeepsAToken()
    {
        var all = noise.Apply(Sentence, NoiseKind.TokenDrop, 1, seed: 1, index: 0);
        Assert.Single(all.Split(' '));
        Assert.Contains(all, Sentence.Split(' '));
    }

    [Fact]
    public void TyposEditEveryWordAtRateOne()
    {
        var noisy = noise.Apply("quick brown foxes jump", NoiseKind.Typo, 1, seed: 2, index: 0).Split(' ');
        var clean = "quick brown foxes jump".Split(' ');
        Assert.Equal(clean.Length, noisy.Length);
        Assert.All(Enumerable.Range(0, clean.Length), i => Assert.True(noisy[i] != clean[i] || clean[i].Distinct().Count() < clean[i].Length, $"{clean[i]} unchanged"));
    }

    [Fact]
    public void SynonymSwapUsesWordNet()
    {
        // WordNet 3.0: car's first sense is {car, auto, automobile, machine, motorcar}.
        var noisy = noise.Apply("The car.", NoiseKind.SynonymSwap, 1, seed: 1, index: 0);
        Assert.Equal("The auto.", noisy);
    }
}
