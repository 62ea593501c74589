using FacetCL.Dashboard;
using FacetCL.Diagnostics;
using FacetCL.Tests.Data;

namespace FacetCL.Tests.Dashboard;

public class RunComparisonTests
{
    [Fact]
    public void ChangesAndVerdictsFollowEachMetricsDirection()
    {
        using var dir = new TempDir();
        using var store = new QualityStore(Path.Combine(dir.Path, "q.db"));
        DashboardFixtures.TwoComparableRuns(store);
        var runs = store.Runs();
        var latest = runs[^1];
        // Run 2 has another config hash and run 3 another model: the previous comparable run is run 1.
        var previous = RunComparison.PreviousComparable(runs, latest);
        Assert.Equal(1, previous!.Id);
        Assert.Null(RunComparison.PreviousComparable(runs, runs[0]));

        var changes = RunComparison.Compare(latest, previous).ToDictionary(c => c.Metric.Key);
        // STS Spearman 80 -> 82: higher is better.
        Assert.Equal(2.0, changes["sts_spearman"].Change!.Value, 12);
        Assert.Equal(ChangeVerdict.Better, changes["sts_spearman"].Verdict);
        // Alignment 0.5 -> 0.6: lower is better, so it got worse.
        Assert.Equal(0.1, changes["alignment"].Change!.Value, 12);
        Assert.Equal(ChangeVerdict.Worse, changes["alignment"].Verdict);
        Assert.Equal(0.5, changes["alignment"].Previous);
        // Uniformity the same.
        Assert.Equal(0.0, changes["uniformity"].Change);
        Assert.Equal(ChangeVerdict.Unchanged, changes["uniformity"].Verdict);
        // New metric: nothing to compare with.
        Assert.Equal(ChangeVerdict.NoPrevious, changes["effective_rank"].Verdict);
        Assert.Null(changes["effective_rank"].Change);
        // No value now (robustness without a reference): not in the table.
        Assert.False(changes.ContainsKey("robustness"));
        Assert.Equal(["sts_spearman", "alignment", "uniformity", "effective_rank", "factor_orthogonality_index"], changes.Keys);
    }

    [Fact]
    public void LowerIsBetterMetricsImproveWhenTheyFall()
    {
        var alignment = QualityMetrics.Find("alignment")!;
        Assert.Equal(1, alignment.Judge(-0.1));
        Assert.Equal(-1, alignment.Judge(0.1));
        Assert.Equal(0, alignment.Judge(0));
        var gain = QualityMetrics.Find("robustness")!;
        Assert.Equal(1, gain.Judge(0.3));
        Assert.Equal(MetricDirection.LowerIsBetter, QualityMetrics.Find("factor_orthogonality_index")!.Direction);
    }
}
