using System.Diagnostics;
using FacetCL.Data;
using FacetCL.Losses;
using FacetCL.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FacetCL.Training;

/// <summary>One optimisation step's figures.</summary>
/// <param name="Texts">texts encoded in the step (3 × batch: anchors, positives, negatives)</param>
/// <param name="SequenceLength">padded length of the step's batch</param>
/// <param name="ExtraPositives">anchor-identity positives used beyond the data set's own (0 without anchors)</param>
/// <param name="MaskedNegatives">in-batch negatives masked because they share an anchor (0 without anchors)</param>
/// <param name="Terms">with the semantic tensor: each loss term's unweighted value by name (<see cref="SemanticTensorObjective.Terms"/>); else null</param>
/// <param name="LabelledTexts">gold-labelled factor texts added to the step's batch</param>
public sealed record StepRecord(int Step, double Loss, double LearningRate, double StepSeconds, double TripletsPerSecond, int Texts, int SequenceLength, long ResidentBytes,
    int ExtraPositives = 0, int MaskedNegatives = 0, IReadOnlyDictionary<string, double>? Terms = null, int LabelledTexts = 0)
{
    /// <summary>Token positions processed, padding included.</summary>
    public int Tokens => Texts * SequenceLength;
}

/// <summary>Anchor ids (−1 = none) of each triplet's anchor, positive and negative text.</summary>
public sealed record TripletAnchors(long[] Anchor, long[] Positive, long[] Negative);

/// <summary>
/// The optimisation state of one training run and its step: duplicate-free, length-bucketed
/// batches of triplets → one encoder pass over anchors, positives and hard negatives →
/// <see cref="MultipleNegativesRankingLoss"/> (or <see cref="AnchorContrastiveLoss"/> with anchors;
/// with the semantic tensor, plus gold-labelled factor texts, role ids with role dropout, and the
/// weighted terms of <see cref="SemanticTensorObjective"/>) → AdamW (no decay on biases and LayerNorm) with
/// linear warm-up and decay, gradient clipping. Nothing random depends on the process: the sampler
/// state is (epoch, position), the learning rate a function of the step, and the dropout generator
/// is re-seeded from (seed, step) before every step. <see cref="Trainer"/> adds evaluation,
/// checkpoints and logs; the benchmark drives sessions of several arms side by side.
/// </summary>
public sealed class TrainingSession : IDisposable
{
    readonly TrainConfig config;
    readonly SentenceModel model;
    readonly int[][][] ids;
    readonly MultipleNegativesRankingLoss loss;
    readonly AnchorContrastiveLoss? anchorLoss;
    readonly TripletAnchors? anchors;
    readonly SemanticTensorObjective? objective;
    readonly FactorText[][]? tripletFacts;
    readonly FactorText[] labelled = [];
    readonly int[][] labelledIds = [];
    readonly int[] labelledOrder = [];

    public TripletBatchSampler Sampler { get; }

    /// <summary>Current weights of the loss terms (<see cref="SemanticTensorObjective.Terms"/> order); the trainer adapts them.</summary>
    public double[] TermWeights { get; set; } = [];
    public AdamW Optimizer { get; }
    /// <summary>Each parameter group's peak rate relative to <c>training.learning_rate</c> (the factor heads' differs).</summary>
    readonly List<double> groupRateScale = [];
    public int TripletCount => ids.Length;

    /// <param name="anchors">with anchor ids, the step uses <see cref="AnchorContrastiveLoss"/> and the sampler groups triplets by their positive's anchor</param>
    /// <param name="semantic">the semantic tensor's inputs (the model must have factor heads), or null: main-vector contrast only</param>
    public TrainingSession(TrainConfig config, SentenceModel model, IReadOnlyList<Triplet> triplets, TripletAnchors? anchors = null, SemanticTensorInputs? semantic = null)
    {
        this.config = config;
        this.model = model;
        var t = config.Training;
        loss = new MultipleNegativesRankingLoss(t.Scale);
        if (anchors is not null && (anchors.Anchor.Length != triplets.Count || anchors.Positive.Length != triplets.Count || anchors.Negative.Length != triplets.Count))
            throw new ArgumentException("one anchor id per triplet text is needed");
        this.anchors = anchors;
        anchorLoss = anchors is null ? null : new AnchorContrastiveLoss(t.Scale);
        // Pre-tokenise once; lengths drive the bucketing.
        var maxLen = config.Model.TrainMaxLength;
        ids = triplets.Select(x => new[] { model.Tokenizer.Encode(x.Anchor, maxLen), model.Tokenizer.Encode(x.Positive, maxLen), model.Tokenizer.Encode(x.Negative, maxLen) }).ToArray();
        Sampler = new TripletBatchSampler(
            triplets.Select(x => new[] { x.Anchor, x.Positive, x.Negative }).ToList(),
            ids.Select(x => x.Max(s => s.Length)).ToArray(), t.BatchSize, t.BucketBatches, t.Seed,
            groups: anchors?.Positive.Select(a => a < 0 ? -1 : checked((int)a)).ToArray(), groupSize: config.Anchors.GroupSize, maxPerGroup: config.Anchors.MaxPerAnchor);
        if (semantic is not null)
        {
            var heads = model.Factors ?? throw new ArgumentException("the semantic tensor needs a model with factor heads (SentenceModel.AddSemanticTensor)");
            objective = new SemanticTensorObjective(config.SemanticTensor, heads, model.Config.NumHiddenLayers);
            TermWeights = SemanticTensorObjective.InOrder(AdaptiveLossWeights.FromConfig(config.SemanticTensor));
            FactorText Facts(string text) => semantic.TripletTexts.TryGetValue(text, out var f) ? f
                : throw new ArgumentException($"no factor labels for training text '{text}'");
            tripletFacts = triplets.Select(x => new[] { Facts(x.Anchor), Facts(x.Positive), Facts(x.Negative) }).ToArray();
            labelled = semantic.Labelled.ToArray();
            labelledIds = labelled.Select(l => model.Tokenizer.Encode(l.Text, maxLen)).ToArray();
            labelledOrder = Enumerable.Range(0, labelled.Length).ToArray();
            new Random(t.Seed).Shuffle(labelledOrder);
        }
        Optimizer = CreateOptimizer();
    }

    /// <summary>Runs optimisation step number <paramref name="step"/> (1-based) on the next batch.</summary>
    public StepRecord Step(int step)
    {
        var t = config.Training;
        model.Train(true);
        var started = Stopwatch.GetTimestamp();
        double lossValue;
        int texts, length, extra = 0, masked = 0, labelledCount = 0;
        Dictionary<string, double>? terms = null;
        using (var scope = NewDisposeScope())
        {
            torch.manual_seed(unchecked(t.Seed * 1_000_003L + step));
            var batch = Sampler.Next();
            var encoded = new List<int[]>(batch.Length * 3);
            for (var column = 0; column < 3; column++) encoded.AddRange(batch.Select(i => ids[i][column]));
            var extras = LabelledFor(step);
            labelledCount = extras.Length;
            var roles = objective is null ? null : RolesWithDropout(batch, extras, step);
            // The gold factor texts go through the encoder as their own batch: padded together with the
            // length-bucketed triplets, a few long review sentences would double every row's length.
            using var tokens = model.Tokenizer.Pad(encoded, roles?.Take(encoded.Count).ToList());
            var tensor = objective is null ? new SemanticTensor(model.Embed(tokens), null) : model.EmbedTensor(tokens);
            texts = (int)tokens.Count;
            long tokenCount = tokens.Count * tokens.Length;
            if (extras.Length > 0 && roles is not null)
            {
                using var extraTokens = model.Tokenizer.Pad(extras.Select(i => labelledIds[i]).ToList(), roles.Skip(encoded.Count).ToList());
                tensor = Concat(tensor, model.EmbedTensor(extraTokens));
                texts += (int)extraTokens.Count;
                tokenCount += extraTokens.Count * extraTokens.Length;
            }
            length = (int)Math.Round((double)tokenCount / texts); // mean padded length over the step's texts
            var parts = tensor.Main.narrow(0, 0, 3 * batch.Length).chunk(3, 0);
            Tensor value;
            if (anchors is not null && anchorLoss is not null)
            {
                var r = anchorLoss.Compute(parts[0], parts[1], parts[2],
                    batch.Select(i => anchors.Anchor[i]).ToArray(), batch.Select(i => anchors.Positive[i]).ToArray(), batch.Select(i => anchors.Negative[i]).ToArray());
                (value, extra, masked) = (r.Loss, r.ExtraPositives, r.MaskedNegatives);
            }
            else
            {
                value = loss.Compute(parts[0], parts[1], parts[2]);
            }
            if (objective is not null && tensor.Factors is { } factors)
            {
                var values = new[] { value }.Concat(objective.Compute(factors, FactorLabels(batch, extras))).ToArray();
                terms = new Dictionary<string, double>(StringComparer.Ordinal);
                var total = values[0] * TermWeights[0];
                terms[SemanticTensorObjective.Terms[0]] = values[0].item<float>();
                for (var k = 1; k < values.Length; k++)
                {
                    terms[SemanticTensorObjective.Terms[k]] = values[k].item<float>();
                    total = total + values[k] * TermWeights[k];
                }
                value = total;
            }
            Optimizer.zero_grad();
            value.backward();
            nn.utils.clip_grad_norm_(model.NamedParameters().Select(p => p.Parameter), t.MaxGradNorm);
            var g = 0;
            foreach (var group in Optimizer.ParamGroups) group.LearningRate = LearningRate(step) * groupRateScale[g++];
            Optimizer.step();
            lossValue = value.item<float>();
        }
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        using var process = Process.GetCurrentProcess();
        return new StepRecord(step, lossValue, LearningRate(step), seconds, t.BatchSize / seconds, texts, length, process.WorkingSet64, extra, masked, terms, labelledCount);
    }

    /// <summary>Two batches' semantic tensors as one, rows of <paramref name="a"/> first.</summary>
    static SemanticTensor Concat(SemanticTensor a, SemanticTensor b) => new(
        torch.cat([a.Main, b.Main], 0),
        a.Factors is { } fa && b.Factors is { } fb
            ? new Factors.FactorOutput(torch.cat([fa.Fused, fb.Fused], 1), torch.cat([fa.PerLayer, fb.PerLayer], 2), torch.cat([fa.Gates, fb.Gates], 1))
            : null);

    /// <summary>
    /// The gold-labelled texts of a step: the next <c>labelled_per_step</c> of a seeded permutation,
    /// a function of the step alone so that a resumed run sees the same ones.
    /// </summary>
    int[] LabelledFor(int step)
    {
        var k = Math.Min(config.SemanticTensor.LabelledPerStep, labelledOrder.Length);
        if (objective is null || k == 0) return [];
        var start = (long)(step - 1) * k;
        return Enumerable.Range(0, k).Select(j => labelledOrder[(int)((start + j) % labelledOrder.Length)]).ToArray();
    }

    /// <summary>Role ids of each row; a share <c>role_dropout</c> of the rows (seeded by step) goes without, as a text without a parse would.</summary>
    List<int[]?> RolesWithDropout(int[] batch, int[] extras, int step)
    {
        var rows = new List<FactorText>(batch.Length * 3 + extras.Length);
        for (var column = 0; column < 3; column++) rows.AddRange(batch.Select(i => tripletFacts![i][column]));
        rows.AddRange(extras.Select(i => labelled[i]));
        var useRoles = config.SemanticTensor.Roles && model.Roles is not null;
        var rng = new Random(unchecked(config.Training.Seed * 7919 + step));
        return rows.Select(r => useRoles && rng.NextDouble() >= config.SemanticTensor.RoleDropout ? r.Roles : null).ToList();
    }

    /// <summary>[F, rows] int64 factor bins of the batch's rows (triplet columns, then labelled texts), −1 = unknown.</summary>
    Tensor FactorLabels(int[] batch, int[] extras)
    {
        var rows = new List<FactorText>(batch.Length * 3 + extras.Length);
        for (var column = 0; column < 3; column++) rows.AddRange(batch.Select(i => tripletFacts![i][column]));
        rows.AddRange(extras.Select(i => labelled[i]));
        var f = Factors.FactorKinds.Count;
        var data = new long[f * rows.Count];
        for (var k = 0; k < f; k++)
            for (var r = 0; r < rows.Count; r++) data[k * rows.Count + r] = rows[r].Bins[k];
        return torch.tensor(data, [f, rows.Count]);
    }

    /// <summary>Linear warm-up to the peak rate, then linear decay to zero at the last step (Hugging Face's linear schedule).</summary>
    public double LearningRate(int step)
    {
        var t = config.Training;
        if (step <= t.WarmupSteps) return t.LearningRate * step / Math.Max(1, t.WarmupSteps);
        return t.LearningRate * Math.Max(0.0, (double)(t.Steps - step) / Math.Max(1, t.Steps - t.WarmupSteps));
    }

    AdamW CreateOptimizer()
    {
        var t = config.Training;
        var named = model.NamedParameters().ToList();
        // No decay on biases, LayerNorm and the role scales (decay would pull a scale towards "no signal").
        static bool NoDecay(string n) => n.EndsWith("bias", StringComparison.Ordinal) || n.Contains("LayerNorm", StringComparison.Ordinal) || n.EndsWith("role_scale", StringComparison.Ordinal);
        // The factor heads start from random weights: they get their own (larger) peak rate, as new heads on a
        // pretrained encoder usually do; at the encoder's 2e-5 they would barely leave their initialisation.
        static bool Head(string n) => n.StartsWith("factors.", StringComparison.Ordinal);
        var groups = new List<AdamW.ParamGroup>();
        groupRateScale.Clear();
        foreach (var head in new[] { false, true })
            foreach (var noDecay in new[] { false, true })
            {
                var members = named.Where(p => Head(p.Name) == head && NoDecay(p.Name) == noDecay).Select(p => p.Parameter).ToList();
                if (members.Count == 0) continue;
                var scale = head ? config.SemanticTensor.HeadLearningRate / t.LearningRate : 1.0;
                groups.Add(new AdamW.ParamGroup(members, lr: t.LearningRate * scale, weight_decay: noDecay ? 0.0 : t.WeightDecay));
                groupRateScale.Add(scale);
            }
        return torch.optim.AdamW(groups, t.LearningRate);
    }

    public void Dispose()
    {
        Optimizer.Dispose();
        objective?.Dispose();
    }
}
