using System.Text.Json.Nodes;
using FacetCL.Model;
using FacetCL.Tests.Data;
using FacetCL.Training;

namespace FacetCL.Tests.Training;

public class EndToEndTests
{
    [Fact]
    public void TinyRunWritesEveryOutputAndTheModelLoadsBack()
    {
        using var dir = new TempDir();
        var config = TinyRun.Config(dir.Path, "e2e");
        var observer = new TinyRun.NullObserver();
        var metrics = new TrainingJob(config, observer).Run(resume: false);

        var run = Path.Combine(dir.Path, "e2e");
        foreach (var f in new[] { "metrics.json", "config.yaml", "train_log.jsonl", "model/model.safetensors", "model/config.json", "model/vocab.txt", "best/best.json" })
            Assert.True(File.Exists(Path.Combine(run, f)), f);
        var onDisk = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "metrics.json")))!.AsObject();
        foreach (var key in new[] { "stsb_test_spearman_before", "stsb_test_spearman_after", "training_triplets_used", "training_triplets_dropped", "steps", "mean_step_seconds", "wall_seconds", "training_triplets_per_second", "peak_resident_mb", "selected_step" })
            Assert.True(onDisk.ContainsKey(key), $"metrics.json lacks {key}");
        Assert.Equal(12, (int)onDisk["steps"]!);
        Assert.Equal(256, (int)onDisk["training_triplets_used"]!);
        Assert.InRange((double)onDisk["stsb_test_spearman_after"]!, -100, 100);
        Assert.True((double)onDisk["peak_resident_mb"]! > 0);
        Assert.Equal(12, observer.Steps.Count);
        Assert.All(observer.Steps, s => Assert.True(double.IsFinite(s.Loss) && s.Loss > 0));

        // Only the last two checkpoints are kept; the log has one line per step plus evaluations.
        Assert.Equal(["step-0000010", "step-0000012"], new Checkpoints(run, 2).List().Select(Path.GetFileName));
        var log = File.ReadAllLines(Path.Combine(run, "train_log.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(12, log.Count(l => (string)l["event"]! == "step"));
        Assert.Equal(2, log.Count(l => (string)l["event"]! == "eval"));

        using var model = SentenceModel.Load(Path.Combine(run, "model"));
        Assert.Equal(32, model.Config.HiddenSize);
        Assert.Equal((int)onDisk["selected_step"]!, model.Settings.SelectedStep);
    }

    [Fact]
    public void RefusesToOverwriteARunWithoutResume()
    {
        using var dir = new TempDir();
        new TrainingJob(TinyRun.Config(dir.Path, "twice", steps: 5), new TinyRun.NullObserver()).Run(resume: false);
        var e = Assert.Throws<InvalidOperationException>(() => new TrainingJob(TinyRun.Config(dir.Path, "twice", steps: 5), new TinyRun.NullObserver()).Run(resume: false));
        Assert.Contains("--resume", e.Message);
    }
}
