using FacetCL.Data;

namespace FacetCL.Tests.Data;

public class NliTripletsTests
{
    private static readonly SourceRef Src = new("f", 1);

    private static NliPair P(string premise, string hypothesis, NliLabel label) => new(premise, hypothesis, label, Src);

    private static List<NliPair> Sample() =>
    [
        P("p1", "e1", NliLabel.Entailment),
        P("p1", "c1", NliLabel.Contradiction),
        P("p1 ", "e2", NliLabel.Entailment),
        P("p1", "c2", NliLabel.Contradiction),
        P("p1", "n1", NliLabel.Neutral),
        P("p2", "e", NliLabel.Entailment),
        P("p2", "n", NliLabel.Neutral),
        P("p3", "c", NliLabel.Contradiction),
        P("p3", "e", NliLabel.Entailment),
        P("p3", "e", NliLabel.Entailment),
    ];

    [Fact]
    public void OnlyPremisesWithEntailmentAndContradiction()
    {
        var triplets = NliTriplets.Build(Sample(), maxPerPremise: 1, seed: 7);
        Assert.Equal(["p1", "p3"], triplets.Select(t => t.Anchor));
        Assert.Equal(new Triplet("p3", "e", "c", Src), triplets[1]);
    }

    [Fact]
    public void TakesDistinctCombinationsUpToTheLimit()
    {
        var all = NliTriplets.Build(Sample(), maxPerPremise: 10, seed: 1);
        var p1 = all.Where(t => t.Anchor == "p1").Select(t => (t.Positive, t.Negative)).ToList();
        Assert.Equal(4, p1.Count);
        Assert.Equal(4, p1.Distinct().Count());
        Assert.Single(all, t => t.Anchor == "p3");

        Assert.Equal(2, NliTriplets.Build(Sample(), maxPerPremise: 2, seed: 1).Count(t => t.Anchor == "p1"));
    }

    [Fact]
    public void DeterministicForASeedAndIndependentOfInputOrderWithinAPremise()
    {
        var a = NliTriplets.Build(Sample(), 2, 42);
        var b = NliTriplets.Build(Sample(), 2, 42);
        Assert.Equal(a, b);

        var reversed = Sample();
        reversed.Reverse();
        var c = NliTriplets.Build(reversed, 2, 42);
        Assert.Equal(a.OrderBy(t => t.Anchor).Select(t => (t.Anchor, t.Positive, t.Negative)), c.OrderBy(t => t.Anchor).Select(t => (t.Anchor, t.Positive, t.Negative)));

        var seeds = Enumerable.Range(0, 20).Select(s => NliTriplets.Build(Sample(), 1, s)[0]).Select(t => (t.Positive, t.Negative)).Distinct().Count();
        Assert.True(seeds > 1, "different seeds should pick different combinations");
    }

    [Fact]
    public void RejectsNonPositiveLimit()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NliTriplets.Build(Sample(), 0, 1));
    }
}
