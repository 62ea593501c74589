using FacetCL.Data;

namespace FacetCL.Tests.Data;

public class TrainingSetFilterTests
{
    private static Triplet T(string a, string p, string n, int line) => new(a, p, n, new SourceRef("train", line));

    [Fact]
    public void DropsDuplicatesDegenerateAndEvalOverlapWithReport()
    {
        var triplets = new[]
        {
            T("A dog runs.", "A dog moves.", "A cat sleeps.", 1),
            T("A dog runs. ", "A dog moves.", "A cat sleeps.", 2),
            T("A dog runs.", "a dog runs", "A cat sleeps.", 3),
            T("Two women are embracing . ", "Women hug.", "Men fight.", 4),
            T("Kids play.", "Children play.", "It ca n't be .", 5),
            T("Kids play.", "Children play.", "Adults work.", 6),
        };
        var eval = new[] { "Two women are embracing.", "It can't be." };

        var result = TrainingSetFilter.Apply(triplets, eval);

        Assert.Equal([1, 6], result.Kept.Select(t => t.Source.Line));
        var report = result.Report;
        Assert.Equal(6, report.Input);
        Assert.Equal(2, report.Kept);
        Assert.Equal(1, report.Count(FilterReason.Duplicate));
        Assert.Equal(1, report.Count(FilterReason.Degenerate));
        Assert.Equal(2, report.Count(FilterReason.EvalOverlap));
        Assert.Contains("train:2", Assert.Single(report.Examples[FilterReason.Duplicate]));
        Assert.Contains(report.Examples[FilterReason.EvalOverlap], e => e.Contains("matches evaluation sentence 'Two women are embracing.'"));
        Assert.Equal("kept 2 of 6; duplicate 1, degenerate 1, eval_overlap 2", report.ToString());
    }

    [Fact]
    public void KeepsEverythingWhenClean()
    {
        var result = TrainingSetFilter.Apply([T("a", "b", "c", 1)], []);
        Assert.Single(result.Kept);
        Assert.Empty(result.Report.Dropped);
        Assert.Equal(0, result.Report.Count(FilterReason.EvalOverlap));
    }

    [Fact]
    public void LimitsExamples()
    {
        var rows = Enumerable.Range(1, 10).Select(i => T("a", "b", "c", i));
        var report = TrainingSetFilter.Apply(rows, [], maxExamples: 3).Report;
        Assert.Equal(9, report.Count(FilterReason.Duplicate));
        Assert.Equal(3, report.Examples[FilterReason.Duplicate].Count);
    }
}
