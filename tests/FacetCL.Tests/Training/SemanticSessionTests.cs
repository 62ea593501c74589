using FacetCL.Factors;
using FacetCL.Tests.Data;
using FacetCL.Training;
using TorchSharp;

namespace FacetCL.Tests.Training;

/// <summary>A training session with the semantic tensor: every term is computed, weighted and trained.</summary>
public class SemanticSessionTests
{
    /// <summary>Facts made up from the text: bins by length and first letter, roles on the first three word pieces.</summary>
    static FactorText Facts(string text, int tokens) => new(text,
        [text.Length % 3, text.Length % 2, char.IsUpper(text[0]) ? 1 : 0, text.Contains(' ', StringComparison.Ordinal) ? 1 : 0, -1],
        Enumerable.Range(0, tokens).Select(i => i is >= 1 and <= 3 ? i : 0).ToArray());

    static (TrainConfig Config, RunData Data, SemanticTensorInputs Inputs) Setup(TempDir dir)
    {
        var config = TinyRun.Config(dir.Path, "semantic", steps: 4);
        config.Apply(["anchors.enabled=false", "semantic_tensor.labelled_per_step=4", "semantic_tensor.role_dropout=0.3"]);
        var data = TrainingJob.LoadData(config);
        using var probe = new TrainingJob(config, new TinyRun.NullObserver()).LoadStartingModel();
        int Tokens(string t) => probe.Tokenizer.Encode(t, config.Model.TrainMaxLength).Length;
        var texts = data.Train.SelectMany(t => new[] { t.Anchor, t.Positive, t.Negative }).Distinct(StringComparer.Ordinal)
            .ToDictionary(t => t, t => Facts(t, Tokens(t)), StringComparer.Ordinal);
        string[] gold = ["What a wonderful day.", "This is dreadful.", "The film bored me.", "I loved every minute."];
        var labelled = gold.Select((t, i) => Facts(t, Tokens(t)) with { Bins = [-1, -1, i % 2, -1, -1] }).ToList();
        return (config, data, new SemanticTensorInputs(texts, labelled, texts.Values.Take(20).ToList()));
    }

    [Fact]
    public void EveryTermIsLoggedAndTheLossIsTheirWeightedSum()
    {
        using var dir = new TempDir();
        var (config, data, inputs) = Setup(dir);
        using var model = new TrainingJob(config, new TinyRun.NullObserver()).LoadStartingModel();
        Assert.NotNull(model.Factors);
        using var session = new TrainingSession(config, model, data.Train, semantic: inputs);
        session.TermWeights = [1.0, 0.5, 0.25, 0.125, 2.0];
        var r = session.Step(1);
        Assert.Equal(SemanticTensorObjective.Terms, r.Terms!.Keys);
        Assert.All(r.Terms.Values, v => Assert.True(double.IsFinite(v) && v >= 0));
        Assert.True(r.Terms[LossTerms.Factor] > 0, "the factor contrast found positives in the batch");
        var expected = SemanticTensorObjective.Terms.Select((t, k) => session.TermWeights[k] * r.Terms[t]).Sum();
        Assert.Equal(expected, r.Loss, 4);
        Assert.Equal(4, r.LabelledTexts);
        Assert.Equal(3 * config.Training.BatchSize + 4, r.Texts);
    }

    [Fact]
    public void GradientsReachEveryFactorHeadAndTheRoleSignal()
    {
        using var dir = new TempDir();
        var (config, data, inputs) = Setup(dir);
        using var model = new TrainingJob(config, new TinyRun.NullObserver()).LoadStartingModel();
        var before = model.NamedParameters().Where(p => p.Name.StartsWith("factors.", StringComparison.Ordinal) || p.Name.StartsWith("roles.", StringComparison.Ordinal))
            .ToDictionary(p => p.Name, p => p.Parameter.detach().clone());
        Assert.Contains("roles.role_scale", before.Keys);
        using var session = new TrainingSession(config, model, data.Train, semantic: inputs);
        for (var step = 1; step <= 3; step++) session.Step(step);
        foreach (var (name, p) in model.NamedParameters().Where(p => before.ContainsKey(p.Name)))
        {
            // Per head: the [F, L, …] parameter must change in every (factor, layer) slice that is trained.
            var delta = (p - before[name]).abs();
            Assert.True(delta.max().item<float>() > 0, $"{name} did not change");
            if (name == "factors.head_weight")
                for (var f = 0; f < FactorKinds.Count - 1; f++) // the last factor has no labels here (−1): only the regularizers reach it
                    for (var l = 0; l < p.shape[1]; l++)
                        Assert.True(delta[f, l].max().item<float>() > 0, $"head ({f}, {l}) did not change");
        }
    }

    [Fact]
    public void TheFactorHeadsTrainAtTheirOwnRateOnTheSameSchedule()
    {
        using var dir = new TempDir();
        var (config, data, inputs) = Setup(dir);
        config.Apply(["training.learning_rate=2e-5", "training.warmup_steps=2", "semantic_tensor.head_learning_rate=1e-3"]);
        using var model = new TrainingJob(config, new TinyRun.NullObserver()).LoadStartingModel();
        using var session = new TrainingSession(config, model, data.Train, semantic: inputs);
        var heads = model.NamedParameters().Where(p => p.Name.StartsWith("factors.", StringComparison.Ordinal)).Select(p => p.Parameter.Handle).ToHashSet();
        session.Step(1); // warm-up: half the peak
        foreach (var group in session.Optimizer.ParamGroups.Cast<TorchSharp.Modules.AdamW.ParamGroup>())
        {
            var isHead = group.Parameters.All(p => heads.Contains(p.Handle));
            Assert.True(isHead || group.Parameters.All(p => !heads.Contains(p.Handle)), "a group mixes heads and encoder");
            Assert.Equal(isHead ? 0.5e-3 : 1e-5, group.LearningRate, 12);
        }
        Assert.Contains(session.Optimizer.ParamGroups.Cast<TorchSharp.Modules.AdamW.ParamGroup>(), g => g.Parameters.Any(p => heads.Contains(p.Handle)));
        // Every parameter is in exactly one group.
        var grouped = session.Optimizer.ParamGroups.Cast<TorchSharp.Modules.AdamW.ParamGroup>().SelectMany(g => g.Parameters).Select(p => p.Handle).ToList();
        Assert.Equal(model.NamedParameters().Count(), grouped.Count);
        Assert.Equal(grouped.Count, grouped.Distinct().Count());
    }

    [Fact]
    public void WithoutSemanticInputsTheSessionTrainsTheMainVectorOnly()
    {
        using var dir = new TempDir();
        var (config, data, _) = Setup(dir);
        using var model = new TrainingJob(config, new TinyRun.NullObserver()).LoadStartingModel();
        using var session = new TrainingSession(config, model, data.Train);
        var r = session.Step(1);
        Assert.Null(r.Terms);
        Assert.Equal(0, r.LabelledTexts);
        Assert.Equal(3 * config.Training.BatchSize, r.Texts);
    }
}
