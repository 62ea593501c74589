using FacetCL.Data;
using Xunit.Abstractions;

namespace FacetCL.Tests.Data;

/// <summary>
/// Checks against the real data sets in the shared data folder. They fail (not skip) when the
/// folder cannot be found: <see cref="DataRoot.Resolve"/> throws a message saying where it looked.
/// Expected figures come from the data READMEs and were checked independently with Python.
/// </summary>
public class RealDataTests(ITestOutputHelper output)
{
    private static readonly Lazy<string> Root = new(() => DataRoot.Resolve(null));

    private static string Stsb(string split) => Path.Combine(Root.Value, "stsb", $"sts-{split}.csv");

    [Theory]
    [InlineData("train", 5749)]
    [InlineData("dev", 1500)]
    [InlineData("test", 1379)]
    public void StsbRowCountsAndScores(string split, int rows)
    {
        var pairs = StsbReader.Read(Stsb(split));
        Assert.Equal(rows, pairs.Count);
        Assert.All(pairs, p => Assert.InRange(p.Score, 0.0, 5.0));
        Assert.Contains(pairs, p => p.Sentence1.Contains('"') || p.Sentence2.Contains('"'));

        // The generic reader recognises the header-less STS-B layout despite the .csv name.
        var viaGeneric = PairFileReader.Read(Stsb(split));
        Assert.Equal(PairFileFormat.Stsb, viaGeneric.Format);
        Assert.Equal(pairs, viaGeneric.ScoredPairs);
    }

    [Fact]
    public void StsbKeepsBackslashAndQuotesVerbatim()
    {
        var train = StsbReader.Read(Stsb("train"));
        Assert.Contains(train, p => p.Sentence1.Contains("Nigeria\\'s") || p.Sentence2.Contains("Nigeria\\'s"));
    }

    [Fact]
    public void NliSplitCounts()
    {
        var nli = NliData.NliDir(Root.Value);
        var mnli = NliReader.ReadCsv(Path.Combine(nli, "mnli_dev", "dev.csv"));
        var snliDev = NliReader.ReadSnliSentEval(Path.Combine(nli, "snli_senteval"), "dev");
        var xnliTest = NliReader.ReadXnliTsv(Path.Combine(nli, "xnli_en", "xnli_test_en.tsv"));
        Assert.Equal(19647, mnli.Count);
        Assert.Equal(9842, snliDev.Count);
        Assert.Equal(5010, xnliTest.Count);
        Assert.Equal([6998, 6117, 6532], LabelCounts(mnli));
        Assert.Equal([3329, 3235, 3278], LabelCounts(snliDev));
        Assert.Equal([1670, 1670, 1670], LabelCounts(xnliTest));

        Assert.Equal(34499, NliData.LoadTrainPool(Root.Value, includeJoci: false).Count);
        Assert.Equal(43850, NliData.LoadTrainPool(Root.Value, includeJoci: true).Count);
        Assert.Equal(2490, NliData.LoadDev(Root.Value).Count);
        var test = NliData.LoadTest(Root.Value);
        Assert.Equal(9824, test.Count);
        Assert.Equal([3368, 3219, 3237], LabelCounts(test));
    }

    [Fact]
    public void TripletsOnePerQualifyingPremise()
    {
        var nli = NliData.NliDir(Root.Value);
        Assert.Equal(2943, NliTriplets.Build(NliReader.ReadSnliSentEval(Path.Combine(nli, "snli_senteval"), "dev"), 1, 1).Count);
        Assert.Equal(5156, NliTriplets.Build(NliReader.ReadCsv(Path.Combine(nli, "mnli_dev", "dev.csv")), 1, 1).Count);
        Assert.Equal(1670, NliTriplets.Build(NliReader.ReadXnliTsv(Path.Combine(nli, "xnli_en", "xnli_test_en.tsv")), 1, 1).Count);

        // 9769 = 2943 + 5156 + 1670: grouping on the exact premise, no premise of one set
        // occurs in another in a way that creates or merges qualifying groups (SNLI is
        // tokenized, the others are not), so the pool count is the sum of the README's figures.
        var pool = NliData.LoadTrainPool(Root.Value, includeJoci: false);
        var triplets = NliTriplets.Build(pool, maxPerPremise: 1, seed: 1234);
        Assert.Equal(9769, triplets.Count);
        Assert.Equal(triplets.Count, triplets.Select(t => t.Anchor).Distinct().Count());
        Assert.Equal(triplets, NliTriplets.Build(pool, maxPerPremise: 1, seed: 1234));
        output.WriteLine($"triplets (max 1 per premise): {triplets.Count}; max 4: {NliTriplets.Build(pool, 4, 1234).Count}");
    }

    [Fact]
    public void LeakFilterDropsTripletsSharingStsbEvalSentences()
    {
        var triplets = NliTriplets.Build(NliData.LoadTrainPool(Root.Value, includeJoci: false), maxPerPremise: 1, seed: 1234);
        var eval = TrainingSetFilter.SentencesOf(StsbReader.Read(Stsb("dev")))
            .Concat(TrainingSetFilter.SentencesOf(StsbReader.Read(Stsb("test"))));

        var result = TrainingSetFilter.Apply(triplets, eval);

        output.WriteLine(result.Report.ToString());
        foreach (var example in result.Report.Examples.SelectMany(kv => kv.Value.Select(e => $"{kv.Key}: {e}")))
        {
            output.WriteLine(example);
        }

        Assert.Equal(triplets.Count, result.Report.Input);
        Assert.True(result.Report.Count(FilterReason.EvalOverlap) > 0, "SNLI captions are known to recur in STS-B dev/test");
        Assert.Equal(result.Kept.Count + result.Report.Dropped.Values.Sum(), triplets.Count);
        Assert.NotEmpty(result.Report.Examples[FilterReason.EvalOverlap]);

        // After filtering no kept sentence matches an evaluation sentence.
        var evalKeys = eval.Select(TextKey.Normalize).ToHashSet();
        Assert.DoesNotContain(result.Kept, t => evalKeys.Contains(TextKey.Normalize(t.Anchor)) || evalKeys.Contains(TextKey.Normalize(t.Positive)) || evalKeys.Contains(TextKey.Normalize(t.Negative)));
    }

    private static int[] LabelCounts(IEnumerable<NliPair> pairs) =>
        [.. new[] { NliLabel.Entailment, NliLabel.Neutral, NliLabel.Contradiction }.Select(l => pairs.Count(p => p.Label == l))];
}
