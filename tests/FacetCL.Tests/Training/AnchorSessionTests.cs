using FacetCL.Tests.Data;
using FacetCL.Training;

namespace FacetCL.Tests.Training;

/// <summary>A training session with anchor ids: anchor-identity positives are found in batches and used.</summary>
public class AnchorSessionTests
{
    [Fact]
    public void GroupedAnchorsYieldExtraPositivesAndTrainingProceeds()
    {
        using var dir = new TempDir();
        var config = TinyRun.Config(dir.Path, "anchored", steps: 6);
        config.Apply(["anchors.enabled=true", "anchors.group_size=2"]);
        var data = TrainingJob.LoadData(config);
        var n = data.Train.Count;
        // Synthetic anchors: positives of triplets 2k and 2k+1 state "the same proposition".
        var anchors = new TripletAnchors(
            Enumerable.Range(0, n).Select(i => (long)(1_000_000 + i)).ToArray(),
            Enumerable.Range(0, n).Select(i => (long)(i / 2)).ToArray(),
            Enumerable.Range(0, n).Select(_ => -1L).ToArray());
        using var model = new TrainingJob(config, new TinyRun.NullObserver()).LoadStartingModel();
        using var session = new TrainingSession(config, model, data.Train, anchors);
        var steps = Enumerable.Range(1, 6).Select(session.Step).ToList();
        Assert.All(steps, s => Assert.True(double.IsFinite(s.Loss)));
        // Each grouped pair contributes two extra positives (each positive for the other's row).
        Assert.True(steps.Sum(s => s.ExtraPositives) >= 2 * 6, $"extra positives: {string.Join(",", steps.Select(s => s.ExtraPositives))}");
        Assert.Equal(steps.Sum(s => s.ExtraPositives), steps.Sum(s => s.MaskedNegatives)); // no hard negative shares an anchor here

        using var plainModel = new TrainingJob(config, new TinyRun.NullObserver()).LoadStartingModel();
        using var plain = new TrainingSession(config, plainModel, data.Train);
        Assert.All(Enumerable.Range(1, 3).Select(plain.Step), s => Assert.Equal(0, s.ExtraPositives));
    }
}
