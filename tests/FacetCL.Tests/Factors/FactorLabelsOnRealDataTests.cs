using FacetCL.Anchors;
using FacetCL.Data;
using FacetCL.Factors;
using Xunit.Abstractions;

namespace FacetCL.Tests.Factors;

/// <summary>Weak factor labels on real data: their agreement with gold labels, and their spread over NLI texts.</summary>
public class FactorLabelsOnRealDataTests(ITestOutputHelper output)
{
    static readonly string Root = DataRoot.Resolve(null);

    [Fact]
    public void WeakLabelsAgreeWithGoldValidationLabels()
    {
        var labeler = new FactorLabeler(Root);
        var gold = LabelledFactorData.Load(Root);
        var pipeline = new AnchoringPipeline();
        foreach (var factor in new[] { FactorKind.Sentiment, FactorKind.Factuality })
        {
            // Every k-th row (both classes, about 400 texts) keeps the test quick: a cold parse runs at about 100 sentences/s.
            var all = gold.Validation.Where(r => r.Factor == factor).ToList();
            var rows = all.Where((_, i) => i % (all.Count / 400 + 1) == 0).ToList();
            var annotations = pipeline.Annotate(rows.Select(r => r.Text).ToList()).Annotations;
            var predicted = annotations.Select(a => labeler.Label(a)[factor]).ToList();
            // Sentiment: the neutral band abstains; agreement is over the texts the weak label decides.
            var decided = rows.Zip(predicted).Where(x => x.Second.Bin != 1 || factor != FactorKind.Sentiment).ToList();
            var agreement = decided.Count(x => x.First.Bin == x.Second.Bin) / (double)decided.Count;
            output.WriteLine($"{factor.Name()}: {rows.Count} gold validation texts, weak label decides {decided.Count}, agreement {agreement:P1}");
            Assert.True(agreement > 0.75, $"{factor.Name()} weak labels agree with gold on {agreement:P1}");
        }
    }

    [Fact]
    public void SplitsAreDisjointAndBothClassesArePresent()
    {
        var gold = LabelledFactorData.Load(Root);
        var trainKeys = gold.Train.Select(r => TextKey.Normalize(r.Text)).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(gold.Validation, r => trainKeys.Contains(TextKey.Normalize(r.Text)));
        // The out-of-domain probe sets stay unseen: their short MPQA phrases also occur among SST-2's training phrases.
        var outOfDomain = LabelledFactorData.OutOfDomainSentiment(Root);
        Assert.Equal(10_603, outOfDomain["mpqa"].Count); // 10,606 lines, 3 of them empty
        Assert.Equal(3_771, outOfDomain["cr"].Count); // 3,775 lines, 4 of them empty
        Assert.DoesNotContain(outOfDomain.Values.SelectMany(v => v), r => trainKeys.Contains(TextKey.Normalize(r.Text)));
        Assert.Contains(gold.Train, r => r.Factor == FactorKind.Sentiment && r.Text.Split(' ').Length == 1); // phrases too, not only sentences
        foreach (var factor in new[] { FactorKind.Sentiment, FactorKind.Factuality })
        {
            var bins = gold.Train.Where(r => r.Factor == factor).GroupBy(r => r.Bin).ToDictionary(g => g.Key, g => g.Count());
            output.WriteLine($"{factor.Name()} train: {string.Join(", ", bins.OrderBy(b => b.Key).Select(b => $"bin {b.Key}: {b.Value}"))}; validation {gold.Validation.Count(r => r.Factor == factor)}");
            Assert.Equal(2, bins.Count);
        }
        // The subjectivity data has 5,000 texts per class; one in ten is validation; a few hundred training
        // texts are dropped because they also occur in SST-2 dev (both come from Rotten Tomatoes).
        var subj = gold.Train.Count(r => r.Factor == FactorKind.Factuality) + gold.Validation.Count(r => r.Factor == FactorKind.Factuality);
        output.WriteLine($"subjectivity texts kept: {subj} of 10000");
        Assert.InRange(subj, 9_000, 10_000);
        Assert.InRange(gold.Validation.Count(r => r.Factor == FactorKind.Factuality), 850, 1150);
        Assert.Equal(872, gold.Validation.Count(r => r.Factor == FactorKind.Sentiment)); // SST-2 dev
    }

    [Fact]
    public void NliTextsSpreadOverTheBins()
    {
        var pool = NliData.LoadTrainPool(Root, includeJoci: false);
        var texts = pool.SelectMany(p => new[] { p.Premise, p.Hypothesis }).Distinct(StringComparer.Ordinal).Take(1000).ToList();
        var labeler = new FactorLabeler(Root);
        var labels = new AnchoringPipeline().Annotate(texts).Annotations.Select(labeler.Label).ToList();
        foreach (var factor in FactorKinds.All)
        {
            var values = labels.Select(l => l[factor]).Where(l => l.Bin >= 0).Select(l => l.Value).Order().ToList();
            var bins = labels.GroupBy(l => l[factor].Bin).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}");
            output.WriteLine($"{factor.Name()}: bins {string.Join(", ", bins)}; value tertiles {values[values.Count / 3]:F3} / {values[2 * values.Count / 3]:F3}");
            // Every factor separates the NLI texts: no bin holds more than 85 % of the labelled ones.
            var largest = labels.Where(l => l[factor].Bin >= 0).GroupBy(l => l[factor].Bin).Max(g => g.Count());
            Assert.True(largest < 0.85 * values.Count, $"{factor.Name()}: one bin holds {largest} of {values.Count}");
        }
    }
}
