using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FacetCL.Data;
using FacetCL.Diagnostics;
using FacetCL.Model;
using FacetCL.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FacetCL.Bench;

/// <summary>Settings of one benchmark run.</summary>
public sealed record BenchOptions
{
    /// <summary>Tiny random model, a handful of steps: checks the machinery in about a minute.</summary>
    public bool Quick { get; init; }
    public bool Ablations { get; init; }
    public IReadOnlyList<int> Seeds { get; init; } = [1, 2];
    public int Steps { get; init; } = 150;
    public int BatchSize { get; init; } = 32;
    /// <summary>Steps an arm runs before the next arm takes over (alternating blocks make the step-time ratio fair on a noisy machine).</summary>
    public int BlockSteps { get; init; } = 10;
    public IReadOnlyList<string> ExtraPairs { get; init; } = [];
    public string? DataRoot { get; init; }
    public int EncodeBatchSize { get; init; } = 32;
    public string OutputDir { get; init; } = Path.Combine("bench", "results");
}

/// <summary>
/// The side-by-side benchmark: the plain contrastive recipe (sentence-transformers' MNRL) against
/// facetcl's objective on the same base model, training examples, steps, batch size and seeds;
/// quality on STS-B test and extra pair files, and cost (step time ratio in alternating blocks,
/// encode throughput against ONNX Runtime, peak memory per phase, fraction of the machine's
/// float32 GEMM rate).
/// </summary>
public sealed class Benchmark(BenchOptions options, Action<string> log)
{
    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public JsonObject Run()
    {
        var wall = Stopwatch.StartNew();
        var arms = BenchArm.All(options.Ablations);
        var config = BaseConfig();
        var results = new JsonObject
        {
            ["benchmark"] = "facetcl side-by-side",
            ["mode"] = options.Quick ? "quick" : "default",
            ["started_utc"] = DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture),
            ["machine"] = MachineInfo.Describe(),
            ["settings"] = new JsonObject
            {
                ["base_model"] = config.Model.Base,
                ["steps"] = options.Steps,
                ["batch_size"] = options.BatchSize,
                ["seeds"] = new JsonArray(options.Seeds.Select(s => (JsonNode?)s).ToArray()),
                ["train_max_length"] = config.Model.TrainMaxLength,
                ["learning_rate"] = config.Training.LearningRate,
                ["warmup_steps"] = config.Training.WarmupSteps,
                ["head_learning_rate"] = config.SemanticTensor.HeadLearningRate,
                ["block_steps"] = options.BlockSteps,
                ["model_selection"] = "none: every arm is evaluated after its last step",
            },
            ["arms"] = new JsonArray(arms.Select(a => (JsonNode?)new JsonObject
            {
                ["name"] = a.Name,
                ["objective"] = a.Objective,
                ["sampler"] = a.Sampler,
                ["overrides"] = new JsonArray(a.Overrides.Select(o => (JsonNode?)o).ToArray()),
            }).ToArray()),
        };
        var memory = new JsonObject();

        PhaseMemory.ResetPeak();
        var data = TrainingJob.LoadData(config);
        memory["data"] = PhaseMemory.PeakMb();
        results["data"] = new JsonObject
        {
            ["training_triplets"] = data.Train.Count,
            ["filter"] = data.Filter.ToString(),
            ["eval_sets"] = new JsonArray(EvalSets(data).Select(e => (JsonNode?)e.Name).ToArray()),
            ["same_examples_for_every_arm"] = true,
            ["sampling_note"] = "every arm draws from the same filtered triplets with the same seed; each epoch uses the same examples; "
                + "baseline batches are consecutive runs of one shuffle, facetcl sorts windows of 8 batches of that shuffle by length before cutting them (less padding)",
        };

        // Anchor ids are computed once (annotation is cached by text) and shared by every arm that uses them.
        TripletAnchors? anchorIds = null;
        if (arms.Any(a => ArmConfig(config, a, options.Seeds[0]).Anchors.Enabled))
        {
            PhaseMemory.ResetPeak();
            var clock = Stopwatch.StartNew();
            var library = Path.Combine(Path.GetTempPath(), $"facetcl-bench-anchors-{Guid.NewGuid():N}.db");
            try
            {
                var built = RunAnchors.Build(data.Train, library, "benchmark: NLI training triplets", log);
                anchorIds = built.Ids;
                built.Stats.Remove("library");
                built.Stats["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1);
                results["anchors"] = built.Stats;
            }
            finally
            {
                foreach (var f in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(library) + "*")) File.Delete(f);
            }
            memory["anchors"] = PhaseMemory.PeakMb();
        }

        // The semantic tensor's per-text facts (roles, factor labels) and gold factor texts, likewise shared.
        SemanticTensorInputs? semantic = null;
        if (arms.Any(a => ArmConfig(config, a, options.Seeds[0]).SemanticTensor.Enabled))
        {
            PhaseMemory.ResetPeak();
            var clock = Stopwatch.StartNew();
            using var tokenizerModel = LoadModel(config);
            var prepared = RunSemanticTensor.Prepare(config, data, tokenizerModel.Tokenizer, log);
            semantic = prepared.Inputs;
            prepared.Stats["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1);
            results["semantic_tensor"] = prepared.Stats;
            memory["semantic_tensor"] = PhaseMemory.PeakMb();
        }

        PhaseMemory.ResetPeak();
        results["gemm"] = MeasureGemm();
        memory["gemm"] = PhaseMemory.PeakMb();

        PhaseMemory.ResetPeak();
        log("evaluating the base model");
        using (var baseModel = LoadModel(config))
            results["base"] = Evaluate(baseModel, data);
        memory["evaluate_base"] = PhaseMemory.PeakMb();

        PhaseMemory.ResetPeak();
        var perSeed = new JsonArray();
        var stepTimes = arms.ToDictionary(a => a.Name, _ => new List<double>());
        var flops = arms.ToDictionary(a => a.Name, _ => 0.0);
        var quality = arms.ToDictionary(a => a.Name, _ => new List<JsonObject>());
        var meanLength = arms.ToDictionary(a => a.Name, _ => new List<double>());
        var anchorUse = arms.ToDictionary(a => a.Name, _ => new List<(int Extra, int Masked)>());
        foreach (var seed in options.Seeds)
        {
            var runs = arms.Select(a => new ArmRun(a, ArmConfig(config, a, seed), data, anchorIds, semantic)).ToList();
            try
            {
                log($"seed {seed}: training {string.Join(" and ", arms.Select(a => a.Name))} in alternating blocks of {options.BlockSteps} steps");
                for (var start = 1; start <= options.Steps; start += options.BlockSteps)
                    foreach (var run in runs)
                        for (var step = start; step < start + options.BlockSteps && step <= options.Steps; step++)
                        {
                            var r = run.Session.Step(step);
                            if (!double.IsFinite(r.Loss)) throw new InvalidOperationException($"arm {run.Arm.Name}, seed {seed}: loss is {r.Loss} at step {step}");
                            run.Steps.Add(r);
                        }
                var seedResult = new JsonObject { ["seed"] = seed };
                foreach (var run in runs)
                {
                    var q = Evaluate(run.Model, data);
                    quality[run.Arm.Name].Add(q);
                    stepTimes[run.Arm.Name].AddRange(run.Steps.Select(s => s.StepSeconds));
                    flops[run.Arm.Name] += run.Steps.Sum(s => FlopCount.TrainingStep(run.Model.Config, s.Texts, s.SequenceLength));
                    meanLength[run.Arm.Name].Add(run.Steps.Average(s => s.SequenceLength));
                    anchorUse[run.Arm.Name].AddRange(run.Steps.Select(s => (s.ExtraPositives, s.MaskedNegatives)));
                    seedResult[run.Arm.Name] = new JsonObject
                    {
                        ["quality"] = q,
                        ["final_loss"] = Math.Round(run.Steps[^1].Loss, 5),
                        ["mean_loss_last_10"] = Math.Round(run.Steps.TakeLast(10).Average(s => s.Loss), 5),
                        ["mean_padded_length"] = Math.Round(run.Steps.Average(s => s.SequenceLength), 2),
                        ["extra_positives_per_step"] = Math.Round(run.Steps.Average(s => s.ExtraPositives), 3),
                        ["masked_negatives_per_step"] = Math.Round(run.Steps.Average(s => s.MaskedNegatives), 3),
                        ["factor_metrics"] = run.Model.Factors is not null && semantic is not null && run.Config.SemanticTensor.Enabled
                            ? new JsonObject(SemanticTensorValidation.Measure(run.Model, semantic.Validation, run.Config.Model.TrainMaxLength)
                                .Select(kv => KeyValuePair.Create(kv.Key, QualityDiagnostics.Num(kv.Value))))
                            : null,
                        ["loss_terms_last_10"] = run.Steps[^1].Terms is null ? null
                            : new JsonObject(run.Steps[^1].Terms!.Keys.Select(k => KeyValuePair.Create(k, (JsonNode?)Math.Round(run.Steps.TakeLast(10).Average(s => s.Terms![k]), 5)))),
                    };
                    log($"seed {seed} {run.Arm.Name}: STS-B test Spearman {q["stsb_test"]!["spearman"]}");
                }
                perSeed.Add(seedResult);
            }
            finally
            {
                foreach (var run in runs) run.Dispose();
            }
        }
        memory["train"] = PhaseMemory.PeakMb();
        results["per_seed"] = perSeed;

        var gemmRate = (double)results["gemm"]!["gflops"]!;
        var armSummary = new JsonObject();
        foreach (var arm in arms)
        {
            var times = stepTimes[arm.Name];
            var achieved = flops[arm.Name] / times.Sum() / 1e9;
            armSummary[arm.Name] = new JsonObject
            {
                ["quality"] = Summarise(quality[arm.Name]),
                ["mean_step_seconds"] = Math.Round(times.Average(), 4),
                ["step_time_ratio_to_baseline"] = Math.Round(times.Average() / stepTimes[BenchArm.Baseline.Name].Average(), 4),
                ["training_triplets_per_second"] = Math.Round(options.BatchSize / times.Average(), 3),
                ["mean_padded_length"] = Math.Round(meanLength[arm.Name].Average(), 2),
                ["extra_positives_per_step"] = Math.Round(anchorUse[arm.Name].Average(u => u.Extra), 3),
                ["masked_negatives_per_step"] = Math.Round(anchorUse[arm.Name].Average(u => u.Masked), 3),
                ["achieved_gflops"] = Math.Round(achieved, 2),
                ["gemm_fraction"] = Math.Round(achieved / gemmRate, 4),
            };
        }
        results["summary"] = armSummary;
        results["comparison"] = Compare(armSummary, arms);
        results["step_time_ratio_facetcl_to_baseline"] = Math.Round(
            stepTimes[BenchArm.FacetCl.Name].Average() / stepTimes[BenchArm.Baseline.Name].Average(), 4);

        PhaseMemory.ResetPeak();
        results["encode"] = MeasureEncode(config, data);
        memory["encode"] = PhaseMemory.PeakMb();
        PhaseMemory.ResetPeak();
        results["annotation"] = MeasureAnnotation(data);
        memory["annotate"] = PhaseMemory.PeakMb();
        results["peak_resident_mb"] = memory;
        results["flop_convention"] = "matrix multiplies only (2mnk each: Q/K/V/output projections, feed-forward, QK^T and attention·V), padding counted, backward = 2 × forward; GEMM rate measured with LibTorch in the same run";
        results["wall_seconds"] = Math.Round(wall.Elapsed.TotalSeconds, 1);
        return results;
    }

    /// <summary>Writes the results atomically to <c>{output_dir}/{timestamp}.json</c> and returns the path.</summary>
    public string Save(JsonObject results)
    {
        var stamp = DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var path = Path.Combine(options.OutputDir, $"{stamp}{(options.Quick ? "-quick" : "")}.json");
        AtomicFile.WriteAllText(path, results.ToJsonString(Indented) + "\n");
        return path;
    }

    TrainConfig BaseConfig()
    {
        var c = new TrainConfig { Name = "bench" };
        var overrides = new List<string>
        {
            $"training.steps={options.Steps}", $"training.batch_size={options.BatchSize}",
            $"training.warmup_steps={Math.Max(1, options.Steps / 10)}",
        };
        if (options.DataRoot is not null) overrides.Add($"data.root={options.DataRoot}");
        if (options.ExtraPairs.Count > 0) overrides.Add($"data.extra_eval_pairs={string.Join(',', options.ExtraPairs)}");
        if (options.Quick)
            overrides.AddRange(["model.base=random", "model.train_max_length=24", "model.max_seq_length=48", "data.max_triplets=512",
                "model.random_init.layers=2", "model.random_init.hidden=32", "model.random_init.heads=4", "model.random_init.intermediate=64",
                "training.learning_rate=0.001", "semantic_tensor.validation_texts=60", "semantic_tensor.labelled_pool=200"]);
        c.Apply(overrides, "benchmark settings");
        return c;
    }

    static TrainConfig ArmConfig(TrainConfig shared, BenchArm arm, int seed)
    {
        var c = TrainConfig.Parse(shared.ToYaml(), "benchmark settings");
        c.Apply([.. arm.Overrides, $"training.seed={seed}"], $"arm {arm.Name}");
        return c;
    }

    static SentenceModel LoadModel(TrainConfig config) => new TrainingJob(config, NullObserver.Instance).LoadStartingModel();

    static IEnumerable<(string Name, IReadOnlyList<ScoredPair> Pairs)> EvalSets(RunData data) =>
        new[] { ("stsb_test", data.StsbTest) }.Concat(data.ExtraEval.Select(kv => (kv.Key, kv.Value)));

    static JsonObject Evaluate(SentenceModel model, RunData data)
    {
        var result = new JsonObject();
        foreach (var (name, pairs) in EvalSets(data)) result[name] = TrainingJob.ScoreJson(Evaluation.Sts(model, pairs));
        return result;
    }

    /// <summary>Mean, sample standard deviation, min and max over seeds of each evaluation set's Spearman.</summary>
    static JsonObject Summarise(List<JsonObject> perSeed)
    {
        var summary = new JsonObject();
        foreach (var set in perSeed[0].Select(kv => kv.Key))
        {
            var values = perSeed.Select(q => (double)q[set]!["spearman"]!).ToArray();
            var mean = values.Average();
            var std = values.Length > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1)) : 0;
            summary[set] = new JsonObject
            {
                ["spearman_mean"] = Math.Round(mean, 4),
                ["spearman_std"] = Math.Round(std, 4),
                ["spearman_min"] = Math.Round(values.Min(), 4),
                ["spearman_max"] = Math.Round(values.Max(), 4),
                ["spread"] = Math.Round(values.Max() - values.Min(), 4),
            };
        }
        return summary;
    }

    /// <summary>
    /// Each arm against the baseline, and facetcl against each ablation arm (what that stage adds), per
    /// evaluation set: a difference of means no larger than the larger of the two arms' spreads across seeds
    /// (max − min) is "no difference", never a win.
    /// </summary>
    static JsonObject Compare(JsonObject summary, IReadOnlyList<BenchArm> arms)
    {
        var result = new JsonObject();
        foreach (var arm in arms.Where(a => a != BenchArm.Baseline))
            result[$"{arm.Name}_vs_baseline"] = CompareArms(summary, arm.Name, BenchArm.Baseline.Name);
        foreach (var ablation in arms.Where(a => a != BenchArm.Baseline && a != BenchArm.FacetCl))
            result[$"{BenchArm.FacetCl.Name}_vs_{ablation.Name}"] = CompareArms(summary, BenchArm.FacetCl.Name, ablation.Name);
        return result;
    }

    static JsonObject CompareArms(JsonObject summary, string arm, string reference)
    {
        var sets = new JsonObject();
        var other = summary[reference]!["quality"]!;
        foreach (var (set, node) in summary[arm]!["quality"]!.AsObject())
        {
            var delta = (double)node!["spearman_mean"]! - (double)other[set]!["spearman_mean"]!;
            var spread = Math.Max((double)node["spread"]!, (double)other[set]!["spread"]!);
            sets[set] = new JsonObject
            {
                ["delta_spearman"] = Math.Round(delta, 4),
                ["spread"] = Math.Round(spread, 4),
                ["verdict"] = Math.Abs(delta) <= spread ? "no difference" : delta > 0 ? "better" : "worse",
            };
        }
        return sets;
    }

    /// <summary>float32 matrix-multiply rate of LibTorch on this machine (square n×n, 2n³ FLOPs each).</summary>
    JsonObject MeasureGemm()
    {
        var n = options.Quick ? 256 : 1024;
        using var scope = NewDisposeScope();
        var a = randn(n, n);
        var b = randn(n, n);
        for (var i = 0; i < 3; i++) a.matmul(b);
        var repeats = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < (options.Quick ? 0.5 : 3) || repeats < 5)
        {
            using var c = a.matmul(b);
            repeats++;
        }
        var gflops = 2.0 * n * n * n * repeats / clock.Elapsed.TotalSeconds / 1e9;
        log($"float32 GEMM {n}×{n}: {gflops:F1} GFLOP/s");
        return new JsonObject { ["n"] = n, ["repeats"] = repeats, ["gflops"] = Math.Round(gflops, 2), ["threads"] = torch.get_num_threads() };
    }

    /// <summary>Sentences per second of facetcl's encoder and of ONNX Runtime on the same model, sentences and batch size.</summary>
    JsonObject MeasureEncode(TrainConfig config, RunData data)
    {
        var texts = data.StsbTest.SelectMany(p => new[] { p.Sentence1, p.Sentence2 }).Take(options.Quick ? 256 : int.MaxValue).ToList();
        using var model = LoadModel(config);
        string onnxPath;
        string source;
        if (config.Model.Base == SentenceModel.BaseName)
        {
            onnxPath = PretrainedMiniLm.OnnxPath;
            source = "the packaged all-MiniLM-L6-v2 ONNX file (same weights as facetcl's base model)";
        }
        else
        {
            onnxPath = Path.Combine(Path.GetTempPath(), $"facetcl-bench-{Guid.NewGuid():N}.onnx");
            Export.OnnxExporter.Export(model, onnxPath);
            source = "facetcl's ONNX export of the same model";
        }
        try
        {
            using var ort = new OnnxRuntimeEncoder(onnxPath, model.Tokenizer);
            var maxLength = config.Model.MaxSeqLength;
            var batch = options.EncodeBatchSize;
            model.Encode(texts.Take(batch).ToList(), batch, maxLength); // warm-up
            ort.Encode(texts.Take(batch).ToList(), batch, maxLength);
            var torchRate = Rate(() => model.Encode(texts, batch, maxLength), texts.Count);
            var ortRate = Rate(() => ort.Encode(texts, batch, maxLength), texts.Count);
            log($"encode: facetcl {torchRate:F1} sentences/s, ONNX Runtime {ortRate:F1} sentences/s");
            return new JsonObject
            {
                ["sentences"] = texts.Count,
                ["batch_size"] = batch,
                ["max_length"] = maxLength,
                ["onnx_model"] = source,
                ["facetcl_sentences_per_second"] = Math.Round(torchRate, 2),
                ["onnxruntime_sentences_per_second"] = Math.Round(ortRate, 2),
                ["facetcl_to_onnxruntime_ratio"] = Math.Round(torchRate / ortRate, 4),
            };
        }
        finally
        {
            if (onnxPath != PretrainedMiniLm.OnnxPath) File.Delete(onnxPath);
        }
    }

    /// <summary>
    /// Link Grammar annotation (parse + frame extraction) of a seeded sample of the training texts:
    /// cold (a fresh cache) and again from the cache.
    /// </summary>
    JsonObject MeasureAnnotation(RunData data)
    {
        var texts = data.Train.SelectMany(t => new[] { t.Anchor, t.Positive, t.Negative }).Distinct().ToArray();
        new Random(12345).Shuffle(texts);
        var sample = texts.Take(options.Quick ? 40 : 600).ToList();
        var cache = Path.Combine(Path.GetTempPath(), $"facetcl-bench-annotations-{Guid.NewGuid():N}.db");
        try
        {
            var annotatorOptions = new Anchors.AnnotatorOptions(CachePath: cache);
            var lemmatizer = new Anchors.WordNetLemmatizer();
            var cold = new Anchors.Annotator(lemmatizer, annotatorOptions).Annotate(sample).Stats;
            var cached = new Anchors.Annotator(lemmatizer, annotatorOptions).Annotate(sample).Stats;
            log($"annotation: {cold.SentencesPerSecond:F1} sentences/s cold, {cached.SentencesPerSecond:F0} cached");
            return new JsonObject
            {
                ["sentences"] = sample.Count,
                ["sample"] = "seeded sample of unique training texts (premises and hypotheses)",
                ["threads"] = Environment.ProcessorCount,
                ["cold_sentences_per_second"] = Math.Round(cold.SentencesPerSecond, 2),
                ["cached_sentences_per_second"] = Math.Round(cached.SentencesPerSecond, 1),
                ["parsed"] = cold.Parsed,
                ["fallback"] = cold.Fallback,
                ["timed_out"] = cold.TimedOut,
            };
        }
        finally
        {
            foreach (var f in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(cache) + "*")) File.Delete(f);
        }
    }

    static double Rate(Action work, int count)
    {
        var clock = Stopwatch.StartNew();
        work();
        return count / clock.Elapsed.TotalSeconds;
    }

    sealed class ArmRun : IDisposable
    {
        public BenchArm Arm { get; }
        public TrainConfig Config { get; }
        public SentenceModel Model { get; }
        public TrainingSession Session { get; }
        public List<StepRecord> Steps { get; } = [];

        public ArmRun(BenchArm arm, TrainConfig config, RunData data, TripletAnchors? anchors, SemanticTensorInputs? semantic)
        {
            Arm = arm;
            Config = config;
            Model = LoadModel(config);
            Session = new TrainingSession(config, Model, data.Train, config.Anchors.Enabled ? anchors : null, config.SemanticTensor.Enabled ? semantic : null);
        }

        public void Dispose()
        {
            Session.Dispose();
            Model.Dispose();
        }
    }

    sealed class NullObserver : ITrainingObserver
    {
        public static NullObserver Instance { get; } = new();
        public void Started(int fromStep, int totalSteps, int tripletCount) { }
        public void Stepped(StepRecord record) { }
        public void Evaluated(int step, double devSpearman, bool isBest) { }
        public void Info(string message) { }
    }
}
