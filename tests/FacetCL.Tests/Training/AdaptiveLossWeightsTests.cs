using FacetCL.Training;

namespace FacetCL.Tests.Training;

public class AdaptiveLossWeightsTests
{
    static AdaptiveLossWeights TwoTerms(bool adaptive = true) => new(
        [
            new() { Name = "a", BaseWeight = 1.0, Metric = "acc", HigherIsBetter = true },
            new() { Name = "b", BaseWeight = 0.5, Metric = "err", HigherIsBetter = false },
        ],
        temperature: 0.1,
        adaptive);

    static Dictionary<string, double> M(double acc, double err) => new() { ["acc"] = acc, ["err"] = err };

    [Fact]
    public void BaseWeightsUntilTwoEvaluationsAndWhileMetricsHold()
    {
        var w = TwoTerms();
        Assert.Equal(1.0, w["a"]);
        Assert.Equal(0.5, w["b"]);
        w.Update(100, M(0.8, 0.2));
        Assert.Equal(1.0, w["a"]);
        Assert.Equal(0.5, w["b"]);
        w.Update(200, M(0.8, 0.2)); // unchanged metrics: r = 1 for both → w = b·2·½
        Assert.Equal(1.0, w["a"]);
        Assert.Equal(0.5, w["b"]);
        Assert.Equal(1.0, w.Evaluations[^1].Rates["a"]);
    }

    [Fact]
    public void WeightMovesToTheTermWhoseMetricDegrades()
    {
        // acc 0.8 → 0.6: δ_a = (0.8 − 0.6)/0.8 = 0.25, r_a = 1.25; err unchanged: r_b = 1. T = 0.1, K = 2:
        //   w_a = 1·2·e^12.5/(e^12.5 + e^10) = 2/(1 + e^−2.5),  w_b = 0.5·2·e^10/(e^12.5 + e^10) = 1/(1 + e^2.5).
        var w = TwoTerms();
        w.Update(100, M(0.8, 0.2));
        w.Update(200, M(0.6, 0.2));
        Assert.Equal(1.25, w.Evaluations[^1].Rates["a"], 12);
        Assert.Equal(2 / (1 + Math.Exp(-2.5)), w["a"], 12);
        Assert.Equal(1 / (1 + Math.Exp(2.5)), w["b"], 12);
        Assert.True(w["a"] > 1.0 && w["b"] < 0.5);

        // Then the error (lower is better) climbs 0.2 → 0.3 while acc holds: r_b = 0.3/0.2 = 1.5, r_a = 1 → weight moves to b.
        w.Update(300, M(0.6, 0.3));
        Assert.Equal(1.5, w.Evaluations[^1].Rates["b"], 12);
        Assert.Equal(1 / (1 + Math.Exp(-5)), w["b"], 12);      // 0.5·2·e^15/(e^10 + e^15)
        Assert.Equal(2 / (1 + Math.Exp(5)), w["a"], 12);
    }

    [Fact]
    public void ImprovingMetricsLoseWeight()
    {
        var w = TwoTerms();
        w.Update(1, M(0.5, 0.4));
        w.Update(2, M(0.75, 0.4)); // acc improves by half: r_a = 0.5
        Assert.Equal(0.5, w.Evaluations[^1].Rates["a"], 12);
        Assert.True(w["a"] < 1.0 && w["b"] > 0.5);
    }

    [Fact]
    public void ZeroNegativeAndNonFiniteMetricsAreHandled()
    {
        var w = TwoTerms();
        w.Update(1, M(0.0, -0.2));
        // acc 0 → 0.1 (better; relative change clipped): δ = −0.1/ε → −1, r = 0.
        // err −0.2 → −0.4 (lower is better, so better): δ = −(−0.2 + 0.4)/0.2 = −1, r = 0.
        w.Update(2, M(0.1, -0.4));
        Assert.Equal(0.0, w.Evaluations[^1].Rates["a"], 12);
        Assert.Equal(0.0, w.Evaluations[^1].Rates["b"], 12);
        // NaN: recorded as null, rate 1; the next value is compared with the last finite one (0.1).
        w.Update(3, M(double.NaN, -0.4));
        Assert.Null(w.Evaluations[^1].Metrics["acc"]);
        Assert.Equal(1.0, w.Evaluations[^1].Rates["a"]);
        w.Update(4, M(0.05, -0.4)); // 0.1 → 0.05: δ = 0.5
        Assert.Equal(1.5, w.Evaluations[^1].Rates["a"], 12);
        Assert.All(w.Weights.Values, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void StateRoundTripsAndTheResumedRunContinuesIdentically()
    {
        var w = TwoTerms();
        w.Update(100, M(0.81, 0.2));
        w.Update(200, M(0.77, 0.21));
        w.Update(300, M(double.NaN, 0.19));
        var json = w.ToJson();
        var resumed = AdaptiveLossWeights.FromJson(json);
        Assert.Equal(json, resumed.ToJson());
        Assert.Equal(w.Weights, resumed.Weights);

        foreach (var (step, m) in new[] { (400L, M(0.7, 0.25)), (500L, M(0.72, 0.3)) })
        {
            w.Update(step, m);
            resumed.Update(step, m);
            Assert.Equal(w["a"], resumed["a"]); // bit for bit
            Assert.Equal(w["b"], resumed["b"]);
        }
        Assert.Equal(w.ToJson(), resumed.ToJson());
    }

    [Fact]
    public void NonAdaptiveRecordsButKeepsBaseWeights()
    {
        var w = TwoTerms(adaptive: false);
        w.Update(1, M(0.8, 0.2));
        w.Update(2, M(0.4, 0.2));
        Assert.Equal(1.5, w.Evaluations[^1].Rates["a"], 12);
        Assert.Equal(1.0, w["a"]);
        Assert.Equal(0.5, w["b"]);
    }

    [Fact]
    public void MissingMetricAndBadSettingsAreRejected()
    {
        var w = TwoTerms();
        var e = Assert.Throws<ArgumentException>(() => w.Update(1, new Dictionary<string, double> { ["acc"] = 0.5 }));
        Assert.Contains("err", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveLossWeights([new() { Name = "a", BaseWeight = 1, Metric = "m", HigherIsBetter = true }], 0));
        Assert.Throws<ArgumentException>(() => new AdaptiveLossWeights(
            [new() { Name = "a", BaseWeight = 1, Metric = "m", HigherIsBetter = true }, new() { Name = "a", BaseWeight = 1, Metric = "n", HigherIsBetter = true }], 0.1));
    }

    [Fact]
    public void FromConfigTiesTheFiveTermsToTheirMetrics()
    {
        var config = new TrainConfig.SemanticTensorSection { FactorWeight = 0.2, AdaptiveTemperature = 0.5 };
        var w = AdaptiveLossWeights.FromConfig(config);
        Assert.Equal([LossTerms.Main, LossTerms.Factor, LossTerms.Consistency, LossTerms.Orthogonality, LossTerms.Sparsity], w.Terms.Select(t => t.Name));
        Assert.Equal(0.2, w[LossTerms.Factor]);
        Assert.Equal(0.5, w.Temperature);
        Assert.False(w.Terms.Single(t => t.Name == LossTerms.Orthogonality).HigherIsBetter);
        Assert.Equal(LossTerms.StsbDevSpearman, w.Terms[0].Metric);
    }
}
