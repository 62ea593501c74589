using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FacetCL.Factors;
using FacetCL.Model;

namespace FacetCL.Diagnostics;

/// <summary>Receives progress: a stage name, items done and the stage's total.</summary>
public interface IDiagnosticsProgress
{
    void Report(string stage, int done, int total);
}

/// <summary>A diagnose run: the report (<c>diagnostics.json</c>) and what the dashboard draws of the space.</summary>
public sealed record DiagnosticsResult(JsonObject Report, SpaceSnapshot Snapshot);

/// <summary>
/// The task-free quality report of a model (DESIGN.md, "Diagnostics"): encodes the data's texts and
/// computes every metric that applies, as one JSON object (the content of <c>diagnostics.json</c> and
/// of the trend store's <c>metrics_json</c>). Metrics that do not apply (no factor heads, no anchors,
/// no NLI data …) are listed under <c>not_applicable</c> with the reason.
/// </summary>
public static class QualityDiagnostics
{
    static readonly NoiseKind[] Kinds = [NoiseKind.Typo, NoiseKind.TokenDrop, NoiseKind.SynonymSwap];

    /// <param name="modelName">how the model was named (folder or "base"), recorded as is</param>
    /// <param name="reference">the reference model of the robustness gain; null when there is none, or the model itself</param>
    /// <param name="anchors">anchor ids of <see cref="DiagnosticData.Texts"/> in that order, or null to skip the anchor metrics</param>
    public static JsonObject Run(SentenceModel model, string modelName, SentenceModel? reference, string? referenceName, DiagnosticData data,
        AnchorAssignment? anchors, DiagnosticOptions options, IDiagnosticsProgress? progress = null, TextNoise? noise = null) =>
        Evaluate(model, modelName, reference, referenceName, data, anchors, options, progress, noise).Report;

    /// <summary><see cref="Run"/> plus the <see cref="SpaceSnapshot"/> (2-D sample, per-anchor compactness, factor orthogonality matrix).</summary>
    public static DiagnosticsResult Evaluate(SentenceModel model, string modelName, SentenceModel? reference, string? referenceName, DiagnosticData data,
        AnchorAssignment? anchors, DiagnosticOptions options, IDiagnosticsProgress? progress = null, TextNoise? noise = null)
    {
        var clock = Stopwatch.StartNew();
        var texts = data.Texts();
        if (texts.Count < 2) throw new ArgumentException("diagnose needs at least two distinct texts");
        if (anchors is not null && anchors.Ids.Length != texts.Count) throw new ArgumentException("one anchor id per text is needed");
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < texts.Count; i++) index[texts[i]] = i;

        var (x, factors) = EncodeWithFactors(model, texts, options, progress);
        var xn = x.Normalized();
        IReadOnlyList<AnchorCompactness> perAnchor = [];
        double[][]? orthogonality = null;
        var metrics = new JsonObject();
        var notApplicable = new JsonArray();
        void Skip(string metric, string reason) => notApplicable.Add(new JsonObject { ["metric"] = metric, ["reason"] = reason });

        // STS Spearman and alignment on the scored pairs.
        var stsPairs = data.Sts.Select(p => (index[p.Sentence1], index[p.Sentence2])).ToList();
        if (data.Sts.Count >= 2)
        {
            var score = SimilarityEvaluation.Score(stsPairs.Select(p => x.Row(p.Item1).ToArray()).ToList(), stsPairs.Select(p => x.Row(p.Item2).ToArray()).ToList(), data.Sts.Select(p => p.Score).ToList());
            metrics["sts_spearman"] = new JsonObject { ["value"] = Num(score.Spearman), ["pearson"] = Num(score.Pearson), ["pairs"] = score.N };
        }
        else Skip("sts_spearman", "no scored pairs in the data");
        var positives = stsPairs.Where((_, i) => data.Sts[i].Score >= options.AlignmentMinScore).ToList();
        if (positives.Count > 0)
            metrics["alignment"] = new JsonObject
            {
                ["value"] = Num(AlignmentUniformity.Alignment(xn, positives)),
                ["positive_pairs"] = positives.Count,
                ["positives"] = $"scored pairs with gold score >= {options.AlignmentMinScore}",
            };
        else Skip("alignment", $"no scored pair with gold score >= {options.AlignmentMinScore} (positive pairs)");

        // Space-wide metrics over all texts.
        var sample = RandomPairs.Draw(texts.Count, options.UniformityPairs, options.Seed);
        metrics["uniformity"] = EstimateJson(AlignmentUniformity.Uniformity(xn, sample));
        metrics["anisotropy"] = EstimateJson(Anisotropy.Of(x, sample));
        progress?.Report("effective rank (SVD)", 0, 1);
        var rank = EffectiveRank.Of(x, options.RankMaxRows, options.Seed);
        progress?.Report("effective rank (SVD)", 1, 1);
        metrics["effective_rank"] = new JsonObject
        {
            ["value"] = Num(rank.Value),
            ["rows"] = rank.Rows,
            ["sampled"] = rank.Sampled,
            ["dim"] = x.Dim,
            ["note"] = rank.Sampled ? $"SVD of a seeded sample of {rank.Rows} of {x.Rows} rows" : $"SVD of all {rank.Rows} rows",
        };

        // Anchor geometry.
        if (anchors is null)
        {
            Skip("intra_anchor_compactness", "anchors were not computed (--no-anchors)");
            Skip("inter_anchor_separation", "anchors were not computed (--no-anchors)");
        }
        else if (anchors.AnchorsWithTwoOrMore == 0)
        {
            Skip("intra_anchor_compactness", "no anchor has two or more texts in this data");
            Skip("inter_anchor_separation", "no anchor has two or more texts in this data");
        }
        else
        {
            // One set of groups over the normalised rows serves both (no further copies of the embeddings).
            var groups = AnchorGroups.Of(xn, anchors.Ids, minMembers: 2);
            perAnchor = Compactness.PerAnchor(xn, groups);
            var c = Compactness.Summarize(perAnchor);
            metrics["intra_anchor_compactness"] = new JsonObject { ["value"] = Num(c.CosineDistance), ["mean_std"] = Num(c.MeanStd), ["anchors"] = c.Anchors, ["members"] = c.Members };
            if (anchors.AnchorsWithTwoOrMore >= 2)
            {
                var s = Separation.OfCentroids(groups.Centroids, options.ChunkRows);
                metrics["inter_anchor_separation"] = new JsonObject { ["value"] = Num(s.Min), ["min"] = Num(s.Min), ["p5"] = Num(s.P5), ["mean"] = Num(s.Mean), ["anchors"] = s.Anchors, ["pairs"] = s.Pairs };
            }
            else Skip("inter_anchor_separation", "only one anchor has two or more texts");
        }

        // Robustness on a seeded sample of the scored pairs.
        if (data.Sts.Count > 0)
            metrics["robustness"] = RobustnessJson(model, reference, referenceName, x, texts, index, data, options, progress, noise ?? new TextNoise());
        else Skip("robustness_gain_ratio", "no scored pairs in the data");

        // Task axis on entailment pairs.
        var entail = data.Nli.Where(p => p.Label == Data.NliLabel.Entailment).Select(p => (index[p.Premise], index[p.Hypothesis])).ToList();
        var (splitA, splitB) = TaskAxis.SplitBySource(entail, options.Seed);
        if (splitA.Count > 0 && splitB.Count > 0)
        {
            var t = TaskAxis.SplitAgreement(x, splitA, splitB);
            metrics["task_structure_alignment"] = new JsonObject
            {
                ["value"] = Num(t.Cosine),
                ["axis"] = "premise -> entailed hypothesis, mean difference of normalised embeddings",
                ["pairs_a"] = t.PairsA,
                ["pairs_b"] = t.PairsB,
                ["axis_norm_a"] = Num(t.NormA),
                ["split"] = "premise-disjoint halves, seeded",
            };
        }
        else Skip("task_structure_alignment", "needs entailment pairs with at least two distinct premises (NLI data)");

        var factorNames = FactorKinds.All.Select(k => k.Name()).ToArray();
        if (factors is not null)
        {
            orthogonality = FactorOrthogonality.Matrix(factors);
            metrics["factor_orthogonality_index"] = new JsonObject
            {
                ["value"] = Num(FactorOrthogonality.Index(factors)),
                ["factors"] = new JsonArray(factorNames.Select(n => (JsonNode)n).ToArray()),
                ["dim"] = factors[0].Dim,
                ["texts"] = factors[0].Rows,
                ["definition"] = "mean over factor pairs of the mean |cos| between the fused factor vectors of a text",
            };
            Skip("factor_probe_accuracy", "the diagnose data has no factor labels");
        }
        else
        {
            const string noFactors = "the model has no factor heads";
            Skip("factor_orthogonality_index", noFactors);
            Skip("factor_probe_accuracy", noFactors);
        }

        progress?.Report("2-D projection (PCA)", 0, 1);
        var snapshot = SpaceSnapshot.Build(x, texts, anchors?.Ids, factors, factorNames, options.ProjectionPoints, options.Seed, perAnchor, orthogonality);
        progress?.Report("2-D projection (PCA)", 1, 1);

        var result = new JsonObject
        {
            ["model"] = modelName,
            ["reference"] = referenceName,
            ["data"] = new JsonObject { ["description"] = data.Description, ["sts_pairs"] = data.Sts.Count, ["nli_pairs"] = data.Nli.Count, ["texts"] = texts.Count },
            ["options"] = options.ToJson(),
            ["config_hash"] = ConfigHash(data, options, referenceName),
            ["time_utc"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["anchors"] = anchors is null ? null : new JsonObject
            {
                ["texts_with_anchor"] = anchors.WithAnchor,
                ["anchors"] = anchors.Anchors,
                ["anchors_with_2_or_more"] = anchors.AnchorsWithTwoOrMore,
                ["annotation"] = anchors.Annotation,
                ["source"] = "fingerprints of the anchoring pipeline (texts without any slot: no anchor)",
            },
            ["metrics"] = metrics,
            ["not_applicable"] = notApplicable,
        };
        result["projection"] = new JsonObject
        {
            ["points"] = snapshot.Points.Count,
            ["of_texts"] = texts.Count,
            ["seed"] = options.Seed,
            ["explained_variance"] = new JsonArray(snapshot.ExplainedVariance.Select(v => Num(v)).ToArray()),
            ["method"] = "PCA (exact SVD, LibTorch) of the sample's L2-normalised main vectors; the points are in the trend store",
            ["factor_value"] = factors is null ? null : SpaceSnapshot.FactorValueDefinition,
        };
        result["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 2);
        return new DiagnosticsResult(result, snapshot);
    }

    /// <summary>SHA-256 (hex) of what makes two runs comparable: the data description, the options and the reference.</summary>
    public static string ConfigHash(DiagnosticData data, DiagnosticOptions options, string? referenceName)
    {
        var key = $"{data.Description}|sts={data.Sts.Count}|nli={data.Nli.Count}|reference={referenceName}|{options.ToJson().ToJsonString()}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    static JsonObject RobustnessJson(SentenceModel model, SentenceModel? reference, string? referenceName, EmbeddingMatrix x, IReadOnlyList<string> texts,
        Dictionary<string, int> index, DiagnosticData data, DiagnosticOptions options, IDiagnosticsProgress? progress, TextNoise noise)
    {
        var order = Enumerable.Range(0, data.Sts.Count).ToArray();
        new Random(options.Seed).Shuffle(order);
        var chosen = order.Take(Math.Min(options.RobustnessPairs, order.Length)).OrderBy(i => i).ToArray();
        // Row 2k, 2k+1 = the two sentences of the k-th chosen pair.
        var cleanTexts = chosen.SelectMany(i => new[] { data.Sts[i].Sentence1, data.Sts[i].Sentence2 }).ToList();
        var pairs = Enumerable.Range(0, chosen.Length).Select(k => (2 * k, 2 * k + 1)).ToList();
        var clean = x.Select(cleanTexts.Select(t => index[t]).ToArray());
        var noReference = reference is null || referenceName is null;
        var sameAsModel = noReference || ReferenceEquals(reference, model);
        var refClean = sameAsModel ? clean : Encode(reference!, cleanTexts, "reference: encode", options, progress);
        var change = new JsonObject();
        var refChange = new JsonObject();
        var gain = new JsonObject();
        var examples = new JsonObject();
        double sumModel = 0, sumRef = 0;
        var skipped = 0;
        foreach (var kind in Kinds)
        {
            var rate = options.RateOf(kind);
            var noisyTexts = cleanTexts.Select((t, i) => noise.Apply(t, kind, rate, options.Seed, i)).ToList();
            var name = KindName(kind);
            var shown = Enumerable.Range(0, cleanTexts.Count).FirstOrDefault(i => noisyTexts[i] != cleanTexts[i]);
            examples[name] = $"{cleanTexts[shown]} => {noisyTexts[shown]}";
            var m = Robustness.Change(clean, Encode(model, noisyTexts, $"robustness: {name}", options, progress), pairs);
            var r = sameAsModel ? m : Robustness.Change(refClean, Encode(reference!, noisyTexts, $"reference: {name}", options, progress), pairs);
            change[name] = Num(m.Change);
            refChange[name] = Num(r.Change);
            gain[name] = noReference ? null : Num(Robustness.Gain(r.Change, m.Change));
            sumModel += m.Change;
            sumRef += r.Change;
            skipped = m.Skipped;
        }
        var meanModel = sumModel / Kinds.Length;
        var meanRef = sumRef / Kinds.Length;
        change["mean"] = Num(meanModel);
        refChange["mean"] = Num(meanRef);
        gain["mean"] = noReference ? null : Num(Robustness.Gain(meanRef, meanModel));
        return new JsonObject
        {
            ["value"] = noReference ? null : Num(Robustness.Gain(meanRef, meanModel)),
            ["change"] = change,
            ["reference_change"] = noReference ? null : refChange,
            ["gain_ratio"] = gain,
            ["reference"] = referenceName,
            ["reference_note"] = noReference ? "no reference model (--reference none): change only" : sameAsModel ? "the reference is the model itself: gain 1 by definition" : null,
            ["pairs"] = chosen.Length,
            ["pairs_skipped_identical"] = skipped,
            ["rates"] = new JsonObject { ["typo"] = options.TypoRate, ["token_drop"] = options.TokenDropRate, ["synonym_swap"] = options.SynonymRate },
            ["seed"] = options.Seed,
            ["example"] = examples,
        };
    }

    static string KindName(NoiseKind kind) => kind switch
    {
        NoiseKind.Typo => "typo",
        NoiseKind.TokenDrop => "token_drop",
        _ => "synonym_swap",
    };

    /// <summary>Main vectors, and the fused factor vectors (one matrix per factor) when the model has factor heads.</summary>
    static (EmbeddingMatrix Main, EmbeddingMatrix[]? Factors) EncodeWithFactors(SentenceModel model, IReadOnlyList<string> texts, DiagnosticOptions options, IDiagnosticsProgress? progress)
    {
        if (model.Factors is null) return (Encode(model, texts, "encode", options, progress), null);
        var done = 0;
        progress?.Report("encode", 0, texts.Count);
        var t = model.EncodeTensor(texts, options.BatchSize, options.MaxLength, n =>
        {
            done += n;
            progress?.Report("encode", done, texts.Count);
        });
        return (EmbeddingMatrix.FromRows(t.Main), t.Factors!.Select(EmbeddingMatrix.FromRows).ToArray());
    }

    static EmbeddingMatrix Encode(SentenceModel model, IReadOnlyList<string> texts, string stage, DiagnosticOptions options, IDiagnosticsProgress? progress)
    {
        var done = 0;
        progress?.Report(stage, 0, texts.Count);
        var rows = model.Encode(texts, options.BatchSize, options.MaxLength, n =>
        {
            done += n;
            progress?.Report(stage, done, texts.Count);
        });
        return EmbeddingMatrix.FromRows(rows);
    }

    static JsonObject EstimateJson(Estimate e) => new()
    {
        ["value"] = Num(e.Value),
        ["standard_error"] = Num(e.StandardError),
        ["pairs"] = e.Samples,
        ["exact"] = e.Exact,
        ["sample"] = e.Exact ? "all distinct pairs" : $"{e.Samples} seeded random distinct pairs",
    };

    /// <summary>JSON number, or null for NaN/∞ (JSON has neither).</summary>
    public static JsonNode? Num(double v) => double.IsFinite(v) ? JsonValue.Create(Math.Round(v, 6)) : null;
}
