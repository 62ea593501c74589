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
public sealed record StepRecord(int Step, double Loss, double LearningRate, double StepSeconds, double TripletsPerSecond, int Texts, int SequenceLength, long ResidentBytes,
    int ExtraPositives = 0, int MaskedNegatives = 0)
{
    /// <summary>Token positions processed, padding included.</summary>
    public int Tokens => Texts * SequenceLength;
}

/// <summary>Anchor ids (−1 = none) of each triplet's anchor, positive and negative text.</summary>
public sealed record TripletAnchors(long[] Anchor, long[] Positive, long[] Negative);

/// <summary>
/// The optimisation state of one training run and its step: duplicate-free, length-bucketed
/// batches of triplets → one encoder pass over anchors, positives and hard negatives →
/// <see cref="MultipleNegativesRankingLoss"/> → AdamW (no decay on biases and LayerNorm) with
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

    public TripletBatchSampler Sampler { get; }
    public AdamW Optimizer { get; }
    public int TripletCount => ids.Length;

    /// <param name="anchors">with anchor ids, the step uses <see cref="AnchorContrastiveLoss"/> and the sampler groups triplets by their positive's anchor</param>
    public TrainingSession(TrainConfig config, SentenceModel model, IReadOnlyList<Triplet> triplets, TripletAnchors? anchors = null)
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
        Optimizer = CreateOptimizer();
    }

    /// <summary>Runs optimisation step number <paramref name="step"/> (1-based) on the next batch.</summary>
    public StepRecord Step(int step)
    {
        var t = config.Training;
        model.Encoder.train();
        var started = Stopwatch.GetTimestamp();
        double lossValue;
        int texts, length, extra = 0, masked = 0;
        using (var scope = NewDisposeScope())
        {
            torch.manual_seed(unchecked(t.Seed * 1_000_003L + step));
            var batch = Sampler.Next();
            var encoded = new List<int[]>(batch.Length * 3);
            for (var column = 0; column < 3; column++) encoded.AddRange(batch.Select(i => ids[i][column]));
            using var tokens = model.Tokenizer.Pad(encoded);
            texts = (int)tokens.Count;
            length = (int)tokens.Length;
            var parts = model.Embed(tokens).chunk(3, 0);
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
            Optimizer.zero_grad();
            value.backward();
            nn.utils.clip_grad_norm_(model.Encoder.parameters(), t.MaxGradNorm);
            foreach (var group in Optimizer.ParamGroups) group.LearningRate = LearningRate(step);
            Optimizer.step();
            lossValue = value.item<float>();
        }
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        using var process = Process.GetCurrentProcess();
        return new StepRecord(step, lossValue, LearningRate(step), seconds, t.BatchSize / seconds, texts, length, process.WorkingSet64, extra, masked);
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
        var named = model.Encoder.named_parameters().ToList();
        static bool NoDecay(string n) => n.EndsWith(".bias", StringComparison.Ordinal) || n.Contains("LayerNorm", StringComparison.Ordinal);
        var groups = new[]
        {
            new AdamW.ParamGroup(named.Where(p => !NoDecay(p.name)).Select(p => p.parameter), lr: t.LearningRate, weight_decay: t.WeightDecay),
            new AdamW.ParamGroup(named.Where(p => NoDecay(p.name)).Select(p => p.parameter), lr: t.LearningRate, weight_decay: 0.0),
        };
        return torch.optim.AdamW(groups, t.LearningRate);
    }

    public void Dispose() => Optimizer.Dispose();
}
