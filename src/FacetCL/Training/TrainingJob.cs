using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using FacetCL.Data;
using FacetCL.Diagnostics;
using FacetCL.Factors;
using FacetCL.Model;
using TorchSharp;

namespace FacetCL.Training;

/// <summary>The data a run trains and evaluates on, after filtering.</summary>
/// <param name="NliDev">XNLI-en validation as (premise, entailment, contradiction) triplets: the NLI dev set</param>
public sealed record RunData(IReadOnlyList<Triplet> Train, FilterReport Filter, IReadOnlyList<ScoredPair> StsbDev, IReadOnlyList<ScoredPair> StsbTest,
    IReadOnlyList<Triplet> NliDev, IReadOnlyDictionary<string, IReadOnlyList<ScoredPair>> ExtraEval, string DataRoot);

/// <summary>
/// The main job end to end: load and filter data → evaluate the starting model on STS-B test →
/// train (with checkpoints, resumable) → keep the best model on STS-B dev as <c>model/</c> →
/// evaluate it → write <c>metrics.json</c>. Everything lands in <c>{output_dir}/{name}/</c>.
/// </summary>
public sealed class TrainingJob(TrainConfig config, ITrainingObserver observer)
{
    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    public string RunDir { get; } = Path.Combine(config.OutputDir, config.Name);

    /// <summary>Test hook forwarded to <see cref="Trainer.KillAfterStep"/>.</summary>
    public int? KillAfterStep { get; init; }

    public static RunData LoadData(TrainConfig config)
    {
        var root = DataRoot.Resolve(config.Data.Root);
        var stsb = Path.Combine(root, "stsb");
        var dev = StsbReader.Read(Path.Combine(stsb, "sts-dev.csv"));
        var test = StsbReader.Read(Path.Combine(stsb, "sts-test.csv"));
        var extraEval = new Dictionary<string, IReadOnlyList<ScoredPair>>();
        foreach (var file in config.Data.ExtraEvalPairs)
        {
            var read = PairFileReader.Read(file);
            if (read.Kind != PairFileKind.ScoredPairs)
                throw new DataException($"evaluation file has {read.Kind}, expected scored pairs (sentence1, sentence2, score)", file);
            extraEval[file] = read.ScoredPairs;
        }

        var nliDev = NliTriplets.Build(NliData.LoadDev(root), 1, config.Training.Seed);
        var pool = NliData.LoadTrainPool(root, config.Data.IncludeJoci);
        var triplets = NliTriplets.Build(pool, config.Data.MaxTripletsPerPremise, config.Training.Seed).ToList();
        foreach (var file in config.Data.ExtraTriplets)
        {
            var read = PairFileReader.Read(file);
            if (read.Kind != PairFileKind.Triplets)
                throw new DataException($"training file has {read.Kind}, expected triplets (anchor, positive, negative)", file);
            triplets.AddRange(read.Triplets);
        }
        var evalSentences = dev.Concat(test).Concat(extraEval.Values.SelectMany(v => v)).SelectMany(p => new[] { p.Sentence1, p.Sentence2 })
            .Concat(nliDev.SelectMany(t => new[] { t.Anchor, t.Positive, t.Negative }));
        var filtered = TrainingSetFilter.Apply(triplets, evalSentences);
        var kept = filtered.Kept.ToList();
        if (config.Data.MaxTriplets > 0 && kept.Count > config.Data.MaxTriplets)
        {
            // A seeded sample, not the head: the pool is ordered by source corpus.
            var order = kept.ToArray();
            new Random(config.Training.Seed).Shuffle(order);
            kept = order.Take(config.Data.MaxTriplets).ToList();
        }
        return new RunData(kept, filtered.Report, dev, test, nliDev, extraEval, root);
    }

    public SentenceModel LoadStartingModel()
    {
        var m = config.Model;
        SentenceModel model;
        if (m.Base == "random")
        {
            torch.manual_seed(config.Training.Seed);
            var shape = new BertConfig
            {
                NumHiddenLayers = m.RandomInit.Layers,
                HiddenSize = m.RandomInit.Hidden,
                NumAttentionHeads = m.RandomInit.Heads,
                IntermediateSize = m.RandomInit.Intermediate,
                MaxPositionEmbeddings = Math.Max(m.MaxSeqLength, m.TrainMaxLength),
            };
            model = new SentenceModel(new BertEncoder(shape), new WordPieceTokenizer(PretrainedMiniLm.VocabPath), new ModelSettings { BaseModel = "random" });
        }
        else
        {
            model = SentenceModel.Load(m.Base);
        }
        model.Settings = model.Settings with { MaxSeqLength = m.MaxSeqLength };
        var st = config.SemanticTensor;
        if (st.Enabled && model.Factors is null)
        {
            // Fresh heads drawn from the run's seed, so every run (and every bench arm) of a seed starts alike.
            torch.manual_seed(config.Training.Seed);
            model.AddSemanticTensor(new Factors.SemanticTensorConfig
            {
                FactorDim = st.FactorDim,
                Layers = st.Layers.ToArray(),
                Roles = st.Roles,
                RoleScales = st.RoleScales.ToArray(),
            });
        }
        return model;
    }

    public JsonObject Run(bool resume)
    {
        var wall = Stopwatch.StartNew();
        var checkpoints = new Checkpoints(RunDir, config.Training.KeepCheckpoints);
        if (!resume && checkpoints.List().Count > 0)
            throw new InvalidOperationException($"{RunDir} already holds checkpoints of a run; pass --resume to continue it, or choose another --name");
        Directory.CreateDirectory(RunDir);
        AtomicFile.WriteAllText(Path.Combine(RunDir, "config.yaml"), config.ToYaml());

        var data = LoadData(config);
        observer.Info($"data: {data.Train.Count} training triplets ({data.Filter}); STS-B dev {data.StsbDev.Count}, test {data.StsbTest.Count} pairs; NLI dev {data.NliDev.Count} triplets");
        using var model = LoadStartingModel();

        // Factor probes (sentiment, factuality) on texts no part of the run trains on.
        var probes = config.SemanticTensor.Enabled ? LoadProbes(data) : null;
        var before = EvaluateCached(model, data, "eval_before.json", probes);
        observer.Info($"STS-B test before training: Spearman {before["stsb_test"]!["spearman"]}");

        RunAnchors.Result? anchors = config.Anchors.Enabled
            ? RunAnchors.Build(data.Train, Path.Combine(RunDir, "anchors.db"), $"run {config.Name}: NLI training triplets", observer.Info)
            : null;

        var semantic = config.SemanticTensor.Enabled ? RunSemanticTensor.Prepare(config, data, model.Tokenizer, observer.Info) : null;
        if (semantic is not null && model.Factors is not null && !before.ContainsKey("factor_orthogonality_index"))
        {
            // The same factor-space figures for the starting model (its seeded, untrained heads), as a reference.
            AddFactorHealth(before, model, semantic.Inputs.Validation);
            AtomicFile.WriteAllText(Path.Combine(RunDir, "eval_before.json"), before.ToJsonString(Json));
        }

        var trainer = new Trainer(config, model, data.Train, data.StsbDev, RunDir, observer, anchors?.Ids, semantic?.Inputs) { KillAfterStep = KillAfterStep };
        var outcome = trainer.Run(resume);

        // The final model is the best on STS-B dev.
        var finalDir = Path.Combine(RunDir, "model");
        using var best = Directory.Exists(checkpoints.BestDir) ? SentenceModel.Load(checkpoints.BestDir) : model;
        best.Settings = best.Settings with { TrainedSteps = outcome.Steps, SelectedStep = outcome.BestStep };
        best.Save(finalDir);
        observer.Info($"final model: step {outcome.BestStep} (best STS-B dev Spearman {outcome.BestDevSpearman:F2}) → {finalDir}");
        var after = Evaluate(best, data, probes);
        if (semantic is not null && best.Factors is not null) AddFactorHealth(after, best, semantic.Inputs.Validation);
        var withRoles = best.Roles is null ? null : EvaluateWithRoles(best, data);

        var metrics = new JsonObject
        {
            ["run"] = config.Name,
            ["base_model"] = config.Model.Base,
            ["stsb_test_spearman_before"] = before["stsb_test"]!["spearman"]!.DeepClone(),
            ["stsb_test_spearman_after"] = after["stsb_test"]!["spearman"]!.DeepClone(),
            ["stsb_dev_spearman_before"] = before["stsb_dev"]!["spearman"]!.DeepClone(),
            ["stsb_dev_spearman_after"] = after["stsb_dev"]!["spearman"]!.DeepClone(),
            ["nli_dev_triplet_accuracy_before"] = before["nli_dev_triplet_accuracy"]!.DeepClone(),
            ["nli_dev_triplet_accuracy_after"] = after["nli_dev_triplet_accuracy"]!.DeepClone(),
            ["stsb_test_pearson_before"] = before["stsb_test"]!["pearson"]!.DeepClone(),
            ["stsb_test_pearson_after"] = after["stsb_test"]!["pearson"]!.DeepClone(),
            ["eval_before"] = before,
            ["eval_after"] = after,
            ["selected_step"] = outcome.BestStep,
            ["best_stsb_dev_spearman"] = outcome.BestDevSpearman is { } d ? Math.Round(d, 4) : null,
            ["steps"] = outcome.Steps,
            ["resumed_from_step"] = outcome.ResumedFrom,
            ["batch_size"] = config.Training.BatchSize,
            ["training_triplets_used"] = data.Train.Count,
            ["training_triplets_seen"] = outcome.TripletsSeen,
            ["training_triplets_input"] = data.Filter.Input,
            ["training_triplets_dropped"] = new JsonObject(data.Filter.Dropped.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["mean_step_seconds"] = Math.Round(outcome.MeanStepSeconds, 4),
            ["train_seconds"] = Math.Round(outcome.TrainSeconds, 1),
            // Optimisation steps only (evaluations and checkpoints excluded).
            ["training_triplets_per_second"] = Math.Round(outcome.MeanStepSeconds > 0 ? config.Training.BatchSize / outcome.MeanStepSeconds : 0, 3),
            ["wall_seconds"] = Math.Round(wall.Elapsed.TotalSeconds, 1),
            ["peak_resident_mb"] = Math.Round(Math.Max(outcome.PeakResidentBytes, Process.GetCurrentProcess().PeakWorkingSet64) / 1048576.0, 1),
            ["threads"] = torch.get_num_threads(),
            ["anchors"] = anchors is null ? null : new JsonObject
            {
                ["enabled"] = true,
                ["library"] = anchors.Stats,
                ["extra_positives_used"] = outcome.ExtraPositives,
                ["false_negatives_masked"] = outcome.MaskedNegatives,
            },
            ["semantic_tensor"] = semantic is null ? null : new JsonObject
            {
                ["enabled"] = true,
                ["data"] = semantic.Stats,
                ["role_scales_after"] = best.Roles is null ? null : new JsonArray(best.Roles.Scales.Select(v => (JsonNode?)Math.Round(v, 4)).ToArray()),
                ["stsb_test_with_roles"] = withRoles,
                ["final_loss_weights"] = LastWeights(),
            },
        };
        AtomicFile.WriteAllText(Path.Combine(RunDir, "metrics.json"), metrics.ToJsonString(Json));
        return metrics;
    }

    /// <summary>
    /// STS-B test of the trained model with the parse's role ids at inference (the default evaluation
    /// runs without, like the plain exports), and what the parse costs the encode path.
    /// </summary>
    JsonObject EvaluateWithRoles(SentenceModel model, RunData data)
    {
        var texts = data.StsbTest.SelectMany(p => new[] { p.Sentence1, p.Sentence2 }).ToList();
        var clock = Stopwatch.StartNew();
        model.Encode(texts, maxLength: config.Model.MaxSeqLength);
        var plainSeconds = clock.Elapsed.TotalSeconds;
        // The parse's cost, measured cold (no annotation cache) on a sample; the score itself uses the cache.
        var sample = texts.Distinct(StringComparer.Ordinal).Take(ParseCostSample).ToList();
        clock.Restart();
        new Anchors.AnchoringPipeline(new Anchors.AnnotatorOptions(UseCache: false)).Annotate(sample);
        var parseSeconds = clock.Elapsed.TotalSeconds;
        var score = Evaluation.Sts(model, data.StsbTest, config.Model.MaxSeqLength, roles: Anchors.RoleAlignment.Source(model.Tokenizer));
        var result = ScoreJson(score);
        result["encode_sentences_per_second_without_roles"] = Math.Round(texts.Count / plainSeconds, 1);
        result["parse_sentences_per_second"] = Math.Round(sample.Count / parseSeconds, 1);
        result["encode_sentences_per_second_with_roles"] = Math.Round(1 / (plainSeconds / texts.Count + parseSeconds / sample.Count), 1);
        result["note"] = $"with roles: each text is parsed (Link Grammar, all cores) and its token roles fed to the role signal; parse speed measured cold on {sample.Count} STS-B test sentences";
        return result;
    }

    const int ParseCostSample = 400;

    /// <summary>The last adaptive loss weights the training log recorded, or null.</summary>
    JsonNode? LastWeights()
    {
        var path = Path.Combine(RunDir, "train_log.jsonl");
        if (!File.Exists(path)) return null;
        return File.ReadLines(path).Select(l => JsonNode.Parse(l)).LastOrDefault(n => n?["event"]?.GetValue<string>() == "weights")?["weights"]?.DeepClone();
    }

    /// <summary>The factor-space health of a model on the held-out factor texts: orthogonality index and cross-layer consistency.</summary>
    void AddFactorHealth(JsonObject scores, SentenceModel model, IReadOnlyList<FactorText> validation)
    {
        var held = SemanticTensorValidation.Measure(model, validation, config.Model.TrainMaxLength);
        scores["factor_orthogonality_index"] = QualityDiagnostics.Num(held[LossTerms.FactorOrthogonalityIndex]);
        scores["cross_layer_consistency"] = QualityDiagnostics.Num(held[LossTerms.CrossLayerConsistency]);
    }

    /// <summary>The starting model's scores are computed once per run folder and reused on resume.</summary>
    JsonObject EvaluateCached(SentenceModel model, RunData data, string file, IReadOnlyList<ProbeTask>? probes)
    {
        var path = Path.Combine(RunDir, file);
        if (File.Exists(path) && JsonNode.Parse(File.ReadAllText(path)) is JsonObject cached && (probes is null || cached.ContainsKey("factor_probes"))) return cached;
        var result = Evaluate(model, data, probes);
        if (model.Factors is not null && data.NliDev.Count > 0 && probes is not null)
            result["factor_heads"] = "the starting model's factor heads are freshly initialised (seeded), not trained";
        AtomicFile.WriteAllText(path, result.ToJsonString(Json));
        return result;
    }

    /// <summary>The probe tasks, minus every text the run trains on or evaluates with.</summary>
    IReadOnlyList<ProbeTask> LoadProbes(RunData data)
    {
        var used = data.Train.SelectMany(t => new[] { t.Anchor, t.Positive, t.Negative })
            .Concat(data.StsbDev.Concat(data.StsbTest).SelectMany(p => new[] { p.Sentence1, p.Sentence2 }))
            .Concat(LabelledFactorData.Load(data.DataRoot).Train.Select(r => r.Text))
            .Select(TextKey.Normalize).ToHashSet(StringComparer.Ordinal);
        return FactorProbes.Load(data.DataRoot, used, seed: config.Training.Seed);
    }

    JsonObject Evaluate(SentenceModel model, RunData data, IReadOnlyList<ProbeTask>? probes = null)
    {
        var result = new JsonObject
        {
            ["stsb_dev"] = ScoreJson(Evaluation.Sts(model, data.StsbDev)),
            ["stsb_test"] = ScoreJson(Evaluation.Sts(model, data.StsbTest)),
            ["nli_dev_triplet_accuracy"] = Math.Round(Evaluation.TripletAccuracy(model, data.NliDev), 4),
        };
        foreach (var (file, pairs) in data.ExtraEval) result[file] = ScoreJson(Evaluation.Sts(model, pairs));
        if (probes is not null) result["factor_probes"] = FactorProbes.Run(model, probes, config.Model.MaxSeqLength);
        return result;
    }

    public static JsonObject ScoreJson(SimilarityScore s) => new()
    {
        ["spearman"] = Math.Round(s.Spearman, 4),
        ["pearson"] = Math.Round(s.Pearson, 4),
        ["n"] = s.N,
    };
}
