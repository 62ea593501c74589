using System.Text.Json;
using System.Text.Json.Serialization;
using FacetCL.Model;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace FacetCL.Training;

/// <summary>Everything besides tensors that a resumed run needs (saved as <c>trainer_state.json</c>).</summary>
public sealed record TrainerState
{
    [JsonPropertyName("step")] public int Step { get; init; }
    [JsonPropertyName("sampler_epoch")] public int SamplerEpoch { get; init; } = -1;
    [JsonPropertyName("sampler_position")] public int SamplerPosition { get; init; }
    [JsonPropertyName("seed")] public int Seed { get; init; }
    [JsonPropertyName("config_fingerprint")] public string ConfigFingerprint { get; init; } = "";
    [JsonPropertyName("best_dev_spearman")] public double? BestDevSpearman { get; init; }
    [JsonPropertyName("best_step")] public int? BestStep { get; init; }
    [JsonPropertyName("train_seconds")] public double TrainSeconds { get; init; }
    [JsonPropertyName("triplets_seen")] public long TripletsSeen { get; init; }
    [JsonPropertyName("extra_positives")] public long ExtraPositives { get; init; }
    [JsonPropertyName("masked_negatives")] public long MaskedNegatives { get; init; }
    [JsonPropertyName("optimizer_steps")] public long[] OptimizerSteps { get; init; } = [];
    /// <summary>The adaptive loss weights' state (metric history and weights); null without the semantic tensor.</summary>
    [JsonPropertyName("loss_weights")] public AdaptiveWeightsState? LossWeights { get; init; }
}

/// <summary>
/// A run's checkpoints: <c>checkpoints/step-NNNNNNN/</c> with <c>model/</c> (a model folder),
/// <c>optimizer.safetensors</c> (AdamW moments) and <c>trainer_state.json</c> (step, sampler and
/// random state, best score). Each is written under a temporary name and renamed into place, so a
/// killed run leaves only complete checkpoints; the newest <c>keep</c> are kept.
/// The best model on the dev set is kept apart in <c>best/</c>.
/// </summary>
public sealed class Checkpoints(string runDir, int keep)
{
    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    public string Root { get; } = Path.Combine(runDir, "checkpoints");
    public string BestDir { get; } = Path.Combine(runDir, "best");

    public void Save(SentenceModel model, AdamW optimizer, TrainerState state)
    {
        var dir = Path.Combine(Root, $"step-{state.Step:D7}");
        var moments = OptimizerMoments(optimizer);
        var full = state with { OptimizerSteps = moments.Steps };
        AtomicFile.ReplaceDirectory(dir, tmp =>
        {
            model.Save(Path.Combine(tmp, "model"));
            Safetensors.SaveStateDict(Path.Combine(tmp, "optimizer.safetensors"), moments.Tensors);
            File.WriteAllText(Path.Combine(tmp, "trainer_state.json"), JsonSerializer.Serialize(full, Json));
        });
        foreach (var old in List().SkipLast(keep)) Directory.Delete(old, recursive: true);
    }

    public void SaveBest(SentenceModel model, int step, double devSpearman)
    {
        model.Save(BestDir);
        AtomicFile.WriteAllText(Path.Combine(BestDir, "best.json"),
            JsonSerializer.Serialize(new { step, stsb_dev_spearman = devSpearman }, Json));
    }

    /// <summary>Complete checkpoint folders, oldest first.</summary>
    public IReadOnlyList<string> List() =>
        Directory.Exists(Root)
            ? Directory.GetDirectories(Root, "step-*").Where(d => File.Exists(Path.Combine(d, "trainer_state.json"))).Order(StringComparer.Ordinal).ToList()
            : [];

    public string? Latest => List().LastOrDefault();

    /// <summary>
    /// Restores weights and optimizer moments into existing objects; returns the trainer state. The
    /// fingerprint is checked first: moments of another configuration may not even line up with the parameters.
    /// </summary>
    public static TrainerState Load(string checkpointDir, SentenceModel model, AdamW optimizer, string expectedFingerprint)
    {
        var statePath = Path.Combine(checkpointDir, "trainer_state.json");
        var state = JsonSerializer.Deserialize<TrainerState>(File.ReadAllText(statePath))
            ?? throw new InvalidDataException($"{statePath}: empty trainer state");
        if (state.ConfigFingerprint != expectedFingerprint)
            throw new InvalidOperationException($"{checkpointDir}: the checkpoint was made with another configuration or training data (fingerprint {state.ConfigFingerprint}, now {expectedFingerprint}); start a new run or restore the config");
        var weights = Path.Combine(checkpointDir, "model", "model.safetensors");
        SentenceModel.LoadWeights(model.Encoder, Safetensors.LoadStateDict(weights), weights);
        if (model.Factors is not null) model.LoadSemanticTensor(Path.Combine(checkpointDir, "model", SentenceModel.SemanticTensorFile));
        var moments = Safetensors.LoadStateDict(Path.Combine(checkpointDir, "optimizer.safetensors"));
        RestoreMoments(optimizer, moments, state.OptimizerSteps, checkpointDir);
        return state;
    }

    /// <summary>AdamW's per-parameter state as named tensors (safetensors) plus step counts (JSON): no pickled objects.</summary>
    static (Dictionary<string, Tensor> Tensors, long[] Steps) OptimizerMoments(AdamW optimizer)
    {
        var tensors = new Dictionary<string, Tensor>();
        var states = optimizer.state_dict().State;
        var steps = new long[states.Count];
        for (var i = 0; i < states.Count; i++)
        {
            var s = (AdamW.State)states[i];
            tensors[$"{i}.exp_avg"] = s.exp_avg;
            tensors[$"{i}.exp_avg_sq"] = s.exp_avg_sq;
            steps[i] = s.step;
        }
        return (tensors, steps);
    }

    static void RestoreMoments(AdamW optimizer, Dictionary<string, Tensor> moments, long[] steps, string source)
    {
        var dict = optimizer.state_dict();
        if (dict.State.Count != steps.Length)
            throw new InvalidDataException($"{source}: optimizer state has {steps.Length} entries, the model has {dict.State.Count} parameters");
        using (torch.no_grad())
        {
            for (var i = 0; i < dict.State.Count; i++)
            {
                var s = (AdamW.State)dict.State[i];
                s.exp_avg.copy_(moments[$"{i}.exp_avg"]);
                s.exp_avg_sq.copy_(moments[$"{i}.exp_avg_sq"]);
                s.step = steps[i];
            }
        }
        optimizer.load_state_dict(dict);
        foreach (var t in moments.Values) t.Dispose();
    }
}
