using FacetCL.Tests.Data;
using Xunit.Abstractions;

namespace FacetCL.Tests.Training;

/// <summary>
/// A run killed mid-way (the process dies right after a step, with no chance to clean up) and
/// resumed ends with the same weights, bit for bit, as an uninterrupted run.
/// </summary>
public class ResumeTests(ITestOutputHelper output)
{
    [Fact]
    public void KilledThenResumedRunEndsWithIdenticalWeights()
    {
        using var dir = new TempDir();
        var config = Path.Combine(dir.Path, "tiny.yaml");
        File.WriteAllText(config, TinyRun.Config(dir.Path, "x").ToYaml());

        var straight = CliRunner.Run(dir.Path, "train", "-c", config, "--name", "straight");
        Assert.True(straight.ExitCode == 0, straight.Stderr);

        // Killed after step 8: checkpoints exist for step 5 only, steps 6-8 are lost and redone.
        var killed = CliRunner.Run(dir.Path, "train", "-c", config, "--name", "killed", "--kill-after-step", "8");
        Assert.NotEqual(0, killed.ExitCode);
        Assert.False(File.Exists(Path.Combine(dir.Path, "killed", "metrics.json")));
        Assert.True(Directory.Exists(Path.Combine(dir.Path, "killed", "checkpoints", "step-0000005")));

        // The starting model's scores are measured again on resume, before the checkpoint is restored.
        File.Delete(Path.Combine(dir.Path, "killed", "eval_before.json"));
        var resumed = CliRunner.Run(dir.Path, "train", "-c", config, "--name", "killed", "--resume");
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Contains("resuming from step-0000005", resumed.Stderr);
        output.WriteLine(resumed.Stderr);

        foreach (var file in new[] { "checkpoints/step-0000012/model/model.safetensors", "checkpoints/step-0000012/model/semantic_tensor.safetensors",
            "checkpoints/step-0000012/optimizer.safetensors", "model/model.safetensors", "model/semantic_tensor.safetensors" })
        {
            var a = File.ReadAllBytes(Path.Combine(dir.Path, "straight", file));
            var b = File.ReadAllBytes(Path.Combine(dir.Path, "killed", file));
            Assert.True(a.AsSpan().SequenceEqual(b), $"{file} differs between the uninterrupted and the resumed run");
        }
        // The adaptive loss weights were set at the evaluations of steps 6 and 12 and resumed to the same values.
        string LossWeights(string run) =>
            System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, run, "checkpoints/step-0000012/trainer_state.json")))!["loss_weights"]!.ToJsonString();
        Assert.Contains("\"step\":12", LossWeights("straight"));
        Assert.Equal(LossWeights("straight"), LossWeights("killed"));
        // Factor-space health is reported for the starting model (untrained heads) and the trained one; the
        // resumed run measured its starting model before restoring the checkpoint, so it matches the straight run's.
        System.Text.Json.Nodes.JsonNode Metrics(string run) => System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, run, "metrics.json")))!;
        foreach (var key in new[] { "factor_orthogonality_index", "cross_layer_consistency" })
        {
            var before = (double)Metrics("straight")["eval_before"]![key]!;
            var after = (double)Metrics("straight")["eval_after"]![key]!;
            Assert.InRange(before, -1, 1);
            Assert.NotEqual(before, after);
            Assert.Equal(before, (double)Metrics("killed")["eval_before"]![key]!);
        }
        // The resumed log reads like one run: each step once.
        var steps = File.ReadAllLines(Path.Combine(dir.Path, "killed", "train_log.jsonl")).Where(l => l.Contains("\"event\":\"step\"")).ToList();
        Assert.Equal(12, steps.Count);
    }

    [Fact]
    public void ResumingWithAnotherConfigurationIsRefused()
    {
        using var dir = new TempDir();
        var config = Path.Combine(dir.Path, "tiny.yaml");
        File.WriteAllText(config, TinyRun.Config(dir.Path, "x").ToYaml());
        var killed = CliRunner.Run(dir.Path, "train", "-c", config, "--name", "run", "--kill-after-step", "6");
        Assert.NotEqual(0, killed.ExitCode);
        // A different head rate: the optimizer's groups differ, so its saved moments must not be loaded.
        var resumed = CliRunner.Run(dir.Path, "train", "-c", config, "--name", "run", "--resume", "--set", "semantic_tensor.head_learning_rate=5e-4");
        Assert.NotEqual(0, resumed.ExitCode);
        Assert.Contains("the checkpoint was made with another configuration", resumed.Stderr);
        Assert.Contains("step-0000005", resumed.Stderr);
    }
}
