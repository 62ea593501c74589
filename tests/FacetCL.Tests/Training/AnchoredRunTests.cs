using System.Text.Json.Nodes;
using FacetCL.Anchors;
using FacetCL.Tests.Data;
using FacetCL.Training;

namespace FacetCL.Tests.Training;

/// <summary>A tiny run with anchor identity on: the library is built from the training texts and reported.</summary>
public class AnchoredRunTests
{
    [Fact]
    public void RunBuildsTheAnchorLibraryAndReportsIt()
    {
        using var dir = new TempDir();
        var config = TinyRun.Config(dir.Path, "anchored", steps: 4);
        config.Apply(["anchors.enabled=true", "data.max_triplets=48", "training.eval_every=0"]);
        var metrics = new TrainingJob(config, new TinyRun.NullObserver()).Run(resume: false);

        var anchors = metrics["anchors"]!;
        Assert.True((bool)anchors["enabled"]!);
        Assert.True((long)anchors["extra_positives_used"]! >= 0);
        var db = Path.Combine(dir.Path, "anchored", "anchors.db");
        using var library = AnchorLibrary.OpenExisting(db);
        var data = TrainingJob.LoadData(config);
        var unique = data.Train.SelectMany(t => new[] { t.Anchor, t.Positive, t.Negative }).Distinct().Count();
        // Every unique training text is in the library, except those whose frame has no slot at all (no proposition, no anchor).
        var withoutSlots = (int)anchors["library"]!["texts_without_slots"]!;
        Assert.InRange(withoutSlots, 0, unique / 4);
        Assert.Equal(unique, library.TextCount() + withoutSlots);
        Assert.Equal(library.AnchorCount(), (int)anchors["library"]!["anchors"]!);
        // A premise and its contradiction are different propositions: in NLI data they almost never share an anchor.
        Assert.True(data.Train.Count(t => library.AnchorOf(t.Anchor)?.AnchorId is { } a && a == library.AnchorOf(t.Negative)?.AnchorId) <= 2);
        Assert.NotNull(JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, "anchored", "metrics.json")))!["anchors"]);
    }
}
