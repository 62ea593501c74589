using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FacetCL.Training;

/// <summary>
/// The JSONL training log (<c>train_log.jsonl</c>): one object per logged step or evaluation.
/// On resume, lines past the checkpoint's step (written by the killed run) are dropped first, so the
/// log reads like one uninterrupted run.
/// </summary>
public sealed class TrainingLog(string path)
{
    public string Path { get; } = path;

    public void Step(StepRecord r) => Append(new JsonObject
    {
        ["event"] = "step",
        ["step"] = r.Step,
        ["loss"] = Math.Round(r.Loss, 6),
        ["lr"] = r.LearningRate,
        ["step_seconds"] = Math.Round(r.StepSeconds, 4),
        ["triplets_per_second"] = Math.Round(r.TripletsPerSecond, 3),
        ["texts"] = r.Texts,
        ["seq_len"] = r.SequenceLength,
        ["rss_mb"] = Math.Round(r.ResidentBytes / 1048576.0, 1),
        ["extra_positives"] = r.ExtraPositives,
        ["masked_negatives"] = r.MaskedNegatives,
        ["labelled_texts"] = r.LabelledTexts,
        ["terms"] = r.Terms is null ? null : new JsonObject(r.Terms.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)Math.Round(kv.Value, 6)))),
        ["time"] = DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture),
    });

    public void Eval(int step, double devSpearman, bool isBest) => Append(new JsonObject
    {
        ["event"] = "eval",
        ["step"] = step,
        ["stsb_dev_spearman"] = Math.Round(devSpearman, 4),
        ["best"] = isBest,
        ["time"] = DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture),
    });

    /// <summary>The adaptive loss weights set after an evaluation and the held-out metrics they were read from.</summary>
    public void Weights(int step, IReadOnlyDictionary<string, double> weights, IReadOnlyDictionary<string, double> metrics) => Append(new JsonObject
    {
        ["event"] = "weights",
        ["step"] = step,
        ["weights"] = new JsonObject(weights.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)Math.Round(kv.Value, 6)))),
        ["metrics"] = new JsonObject(metrics.Select(kv => KeyValuePair.Create(kv.Key, double.IsFinite(kv.Value) ? (JsonNode?)Math.Round(kv.Value, 6) : null))),
        ["time"] = DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture),
    });

    void Append(JsonObject line)
    {
        File.AppendAllText(Path, line.ToJsonString() + "\n");
    }

    public void TruncateAfter(int step)
    {
        if (!File.Exists(Path)) return;
        var kept = File.ReadAllLines(Path).Where(l =>
        {
            try
            {
                return JsonNode.Parse(l)?["step"]?.GetValue<int>() is int s && s <= step;
            }
            catch (JsonException)
            {
                return false; // a line cut short by a kill
            }
        });
        AtomicFile.WriteAllText(Path, string.Concat(kept.Select(l => l + "\n")));
    }
}
