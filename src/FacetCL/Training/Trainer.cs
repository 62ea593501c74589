using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using FacetCL.Data;
using FacetCL.Diagnostics;
using FacetCL.Model;
using TorchSharp;

namespace FacetCL.Training;

/// <summary>What the trainer reports while it runs (the CLI draws a progress bar from it).</summary>
public interface ITrainingObserver
{
    void Started(int fromStep, int totalSteps, int tripletCount);
    void Stepped(StepRecord record);
    void Evaluated(int step, double devSpearman, bool isBest);
    /// <summary>The adaptive loss weights after an evaluation (semantic tensor only), by term, with the held-out metrics they read.</summary>
    void Weighted(int step, IReadOnlyDictionary<string, double> weights, IReadOnlyDictionary<string, double> metrics) { }
    void Info(string message);
}


/// <summary>The outcome of <see cref="Trainer.Run"/>.</summary>
public sealed record TrainOutcome(int Steps, int ResumedFrom, int? BestStep, double? BestDevSpearman, double TrainSeconds, long TripletsSeen, double MeanStepSeconds, long PeakResidentBytes,
    long ExtraPositives, long MaskedNegatives);

/// <summary>
/// A training run around a <see cref="TrainingSession"/>: evaluates STS-B dev for model selection,
/// logs, checkpoints atomically, and resumes to the same weights as an uninterrupted run.
/// </summary>
public sealed class Trainer
{
    readonly TrainConfig config;
    readonly SentenceModel model;
    readonly IReadOnlyList<Triplet> triplets;
    readonly IReadOnlyList<ScoredPair> dev;
    readonly string runDir;
    readonly ITrainingObserver observer;

    /// <summary>Test hook: the process kills itself right after this step (simulates a crash).</summary>
    public int? KillAfterStep { get; init; }

    readonly TripletAnchors? anchors;
    readonly SemanticTensorInputs? semantic;

    /// <param name="anchors">anchor ids of the triplets' texts: anchor-identity contrast (null = off)</param>
    /// <param name="semantic">the semantic tensor's inputs (the model must have factor heads; null = off)</param>
    public Trainer(TrainConfig config, SentenceModel model, IReadOnlyList<Triplet> triplets, IReadOnlyList<ScoredPair> dev, string runDir, ITrainingObserver observer,
        TripletAnchors? anchors = null, SemanticTensorInputs? semantic = null)
    {
        this.anchors = anchors;
        this.semantic = semantic;
        this.config = config;
        this.model = model;
        this.triplets = triplets;
        this.dev = dev;
        this.runDir = runDir;
        this.observer = observer;
    }

    /// <summary>Hash of everything that determines the training trajectory; a resume must match it.</summary>
    public static string Fingerprint(TrainConfig config, IReadOnlyList<Triplet> triplets, TripletAnchors? anchors = null)
    {
        var t = config.Training;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(string.Join("|", config.Model.Base, config.Model.TrainMaxLength, t.Steps, t.BatchSize,
            t.LearningRate, t.WarmupSteps, t.WeightDecay, t.MaxGradNorm, t.Scale, t.Seed, t.BucketBatches,
            config.Anchors.Enabled, config.Anchors.GroupSize, config.Anchors.MaxPerAnchor)));
        // The semantic tensor section as a whole: any change to it changes the trajectory.
        if (config.SemanticTensor.Enabled) sha.AppendData(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(config.SemanticTensor)));
        foreach (var x in triplets) sha.AppendData(Encoding.UTF8.GetBytes($"{x.Anchor}\t{x.Positive}\t{x.Negative}\n"));
        if (anchors is not null)
            for (var i = 0; i < triplets.Count; i++) sha.AppendData(Encoding.UTF8.GetBytes($"{anchors.Anchor[i]},{anchors.Positive[i]},{anchors.Negative[i]}\n"));
        return Convert.ToHexString(sha.GetHashAndReset())[..16].ToLowerInvariant();
    }

    public TrainOutcome Run(bool resume)
    {
        var t = config.Training;
        if (t.Threads > 0) torch.set_num_threads(t.Threads);
        var fingerprint = Fingerprint(config, triplets, anchors);
        var checkpoints = new Checkpoints(runDir, t.KeepCheckpoints);
        using var session = new TrainingSession(config, model, triplets, anchors, semantic);
        var weights = semantic is null ? null : AdaptiveLossWeights.FromConfig(config.SemanticTensor);
        var sampler = session.Sampler;
        var optimizer = session.Optimizer;
        var state = new TrainerState { Seed = t.Seed, ConfigFingerprint = fingerprint };
        var log = new TrainingLog(Path.Combine(runDir, "train_log.jsonl"));
        var resumedFrom = 0;
        if (resume && checkpoints.Latest is { } latest)
        {
            state = Checkpoints.Load(latest, model, optimizer, fingerprint);
            sampler.Restore(state.SamplerEpoch, state.SamplerPosition);
            if (weights is not null && state.LossWeights is { } saved) weights = AdaptiveLossWeights.FromState(saved);
            resumedFrom = state.Step;
            observer.Info($"resuming from {Path.GetFileName(latest)} (step {state.Step})");
        }
        else if (resume)
        {
            observer.Info("no checkpoint to resume from; starting at step 0");
        }
        log.TruncateAfter(state.Step);

        if (weights is not null) session.TermWeights = SemanticTensorObjective.InOrder(weights);
        model.Train(true);
        observer.Started(state.Step, t.Steps, triplets.Count);
        var stepTimes = new List<double>();
        var peak = CurrentResidentBytes();
        var clock = Stopwatch.StartNew();
        var trainSecondsBefore = state.TrainSeconds;

        for (var step = state.Step + 1; step <= t.Steps; step++)
        {
            var record = session.Step(step);
            stepTimes.Add(record.StepSeconds);
            peak = Math.Max(peak, record.ResidentBytes);
            if (step % t.LogEvery == 0 || step == t.Steps) log.Step(record);
            observer.Stepped(record);
            state = state with
            {
                Step = step,
                SamplerEpoch = sampler.Epoch,
                SamplerPosition = sampler.Position,
                TripletsSeen = state.TripletsSeen + t.BatchSize,
                ExtraPositives = state.ExtraPositives + record.ExtraPositives,
                MaskedNegatives = state.MaskedNegatives + record.MaskedNegatives,
            };

            var evalNow = (t.EvalEvery > 0 && step % t.EvalEvery == 0) || step == t.Steps;
            if (evalNow)
            {
                var score = EvaluateDev();
                var isBest = state.BestDevSpearman is null || score > state.BestDevSpearman;
                if (isBest)
                {
                    state = state with { BestDevSpearman = score, BestStep = step };
                    checkpoints.SaveBest(model, step, score);
                }
                log.Eval(step, score, isBest);
                observer.Evaluated(step, score, isBest);
                if (weights is not null && semantic is not null)
                {
                    var metrics = SemanticTensorValidation.Measure(model, semantic.Validation, config.Model.TrainMaxLength);
                    metrics[LossTerms.StsbDevSpearman] = score;
                    weights.Update(step, metrics);
                    session.TermWeights = SemanticTensorObjective.InOrder(weights);
                    state = state with { LossWeights = weights.State };
                    log.Weights(step, weights.Weights, metrics);
                    observer.Weighted(step, weights.Weights, metrics);
                    model.Train(true);
                }
            }
            if (step % t.CheckpointEvery == 0 || step == t.Steps)
            {
                state = state with { TrainSeconds = trainSecondsBefore + clock.Elapsed.TotalSeconds };
                checkpoints.Save(model, optimizer, state);
            }
            if (KillAfterStep == step) Process.GetCurrentProcess().Kill();
        }

        var trainSeconds = trainSecondsBefore + clock.Elapsed.TotalSeconds;
        return new TrainOutcome(t.Steps, resumedFrom, state.BestStep, state.BestDevSpearman, trainSeconds, state.TripletsSeen,
            stepTimes.Count > 0 ? stepTimes.Average() : 0, Math.Max(peak, PeakResidentBytes()), state.ExtraPositives, state.MaskedNegatives);
    }

    double EvaluateDev()
    {
        var pairs = config.Training.EvalDevPairs > 0 ? dev.Take(config.Training.EvalDevPairs).ToList() : dev;
        return Evaluation.Sts(model, pairs, config.Model.MaxSeqLength).Spearman;
    }

    static long CurrentResidentBytes()
    {
        using var p = Process.GetCurrentProcess();
        return p.WorkingSet64;
    }

    static long PeakResidentBytes()
    {
        using var p = Process.GetCurrentProcess();
        return p.PeakWorkingSet64;
    }
}
