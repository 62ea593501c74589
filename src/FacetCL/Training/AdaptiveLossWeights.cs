using System.Text.Json;

namespace FacetCL.Training;

/// <summary>
/// Adaptive loss weights: dynamic weight average (DWA; Liu, Johns &amp; Davison 2019, "End-to-End Multi-Task
/// Learning with Attention", eq. 7) driven by validation metrics instead of training losses. Each loss term
/// k = 1..K is tied to a validation quality metric (<see cref="LossTerms"/> gives the default mapping); at
/// each evaluation <see cref="Update"/> raises the weight of the term whose metric degrades fastest.
/// <para>
/// Decay rate. With m_t the metric's value at this evaluation and m_p its previous finite value,
/// σ_k = +1 when higher is better and −1 when lower is better, ε = 1e-6:
/// <c>δ_k = clip( σ_k·(m_p − m_t) / max(|m_p|, ε), −1, 1 )</c>,  <c>r_k = 1 + δ_k</c>.
/// δ is the metric's relative degradation since the last evaluation (positive = worse). For a positive
/// lower-is-better metric r_k = m_t/m_p, exactly DWA's loss ratio L(t−1)/L(t−2); for a positive
/// higher-is-better metric r_k = 2 − m_t/m_p, which agrees with m_p/m_t to first order but stays defined
/// when the metric reaches 0 or changes sign (dividing by |m_p| keeps the direction, the clip keeps one
/// near-zero denominator from taking all the weight). A term without two finite values yet (the first
/// evaluation, or a NaN metric now, recorded as null) has r_k = 1, "unchanged".
/// </para>
/// <para>
/// Weights. With base weights b_k and temperature T:
/// <c>w_k = b_k · K · exp(r_k/T) / Σ_j exp(r_j/T)</c>.
/// Equal rates (in particular before two evaluations exist) give w_k = b_k; a term whose metric degrades
/// faster than the others' gets more than its base weight, the others less. Σ_k w_k/b_k = K always.
/// With <c>adaptive: false</c> metrics and rates are still recorded but w_k = b_k.
/// </para>
/// Example:
/// <code>var weights = AdaptiveLossWeights.FromConfig(config.SemanticTensor);
/// // at each evaluation:
/// weights.Update(step, new Dictionary&lt;string, double&gt; { ["stsb_dev_spearman"] = 0.84, ... });
/// var loss = weights[LossTerms.Main] * main + weights[LossTerms.Factor] * factor + ...;
/// // checkpoint: weights.State (JSON-friendly); resume: AdaptiveLossWeights.FromState(state)</code>
/// </summary>
public sealed class AdaptiveLossWeights
{
    /// <summary>ε of the relative change: below this a previous value counts as zero.</summary>
    public const double Epsilon = 1e-6;

    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    readonly AdaptiveLossTerm[] terms;
    readonly List<AdaptiveWeightsEvaluation> evaluations = [];
    readonly Dictionary<string, double> weights;

    public IReadOnlyList<AdaptiveLossTerm> Terms => terms;
    public double Temperature { get; }
    public bool Adaptive { get; }
    /// <summary>Current weight of each term, by term name.</summary>
    public IReadOnlyDictionary<string, double> Weights => weights;
    public IReadOnlyList<AdaptiveWeightsEvaluation> Evaluations => evaluations;

    public double this[string term] => weights.TryGetValue(term, out var w) ? w : throw new KeyNotFoundException($"no loss term '{term}' (terms: {string.Join(", ", terms.Select(t => t.Name))})");

    public AdaptiveLossWeights(IEnumerable<AdaptiveLossTerm> terms, double temperature, bool adaptive = true)
    {
        this.terms = terms.ToArray();
        if (this.terms.Length == 0) throw new ArgumentException("at least one loss term is needed", nameof(terms));
        if (this.terms.Select(t => t.Name).Distinct().Count() != this.terms.Length) throw new ArgumentException("loss term names must be unique", nameof(terms));
        foreach (var t in this.terms)
        {
            if (!(t.BaseWeight >= 0) || !double.IsFinite(t.BaseWeight)) throw new ArgumentOutOfRangeException(nameof(terms), t.BaseWeight, $"loss term '{t.Name}': base weight must be ≥ 0");
            if (string.IsNullOrWhiteSpace(t.Metric)) throw new ArgumentException($"loss term '{t.Name}' needs a metric", nameof(terms));
        }
        if (!(temperature > 0) || !double.IsFinite(temperature)) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "must be positive");
        Temperature = temperature;
        Adaptive = adaptive;
        weights = this.terms.ToDictionary(t => t.Name, t => t.BaseWeight);
    }

    /// <summary>The five terms of the semantic tensor objective with the config's base weights, mapped as in <see cref="LossTerms"/>.</summary>
    public static AdaptiveLossWeights FromConfig(TrainConfig.SemanticTensorSection config) => new(
        [
            new() { Name = LossTerms.Main, BaseWeight = config.MainWeight, Metric = LossTerms.StsbDevSpearman, HigherIsBetter = true },
            new() { Name = LossTerms.Factor, BaseWeight = config.FactorWeight, Metric = LossTerms.FactorProbeAccuracy, HigherIsBetter = true },
            new() { Name = LossTerms.Consistency, BaseWeight = config.ConsistencyWeight, Metric = LossTerms.CrossLayerConsistency, HigherIsBetter = true },
            new() { Name = LossTerms.Orthogonality, BaseWeight = config.OrthogonalityWeight, Metric = LossTerms.FactorOrthogonalityIndex, HigherIsBetter = false },
            new() { Name = LossTerms.Sparsity, BaseWeight = config.SparsityWeight, Metric = LossTerms.FactorSparsity, HigherIsBetter = false },
        ],
        config.AdaptiveTemperature,
        config.AdaptiveWeights);

    /// <summary>Records one evaluation and recomputes the weights.</summary>
    /// <param name="step">training step of the evaluation (logged)</param>
    /// <param name="metrics">value of every term's metric, by metric name (others are ignored)</param>
    /// <returns>the new weights, by term name</returns>
    public IReadOnlyDictionary<string, double> Update(long step, IReadOnlyDictionary<string, double> metrics)
    {
        var missing = terms.Select(t => t.Metric).Where(m => !metrics.ContainsKey(m)).Distinct().ToArray();
        if (missing.Length > 0) throw new ArgumentException($"adaptive loss weights: no value for metric(s) {string.Join(", ", missing)}", nameof(metrics));

        var values = terms.Select(t => t.Metric).Distinct().ToDictionary(m => m, m => double.IsFinite(metrics[m]) ? metrics[m] : (double?)null);
        var rates = terms.ToDictionary(t => t.Name, t => Rate(t, values[t.Metric], Previous(t.Metric)));
        var next = Weigh(rates);
        evaluations.Add(new AdaptiveWeightsEvaluation { Step = step, Metrics = values, Rates = rates, Weights = next });
        foreach (var (name, w) in next) weights[name] = w;
        return Weights;
    }

    /// <summary>Last finite value of a metric before the evaluation being recorded.</summary>
    double? Previous(string metric)
    {
        for (var i = evaluations.Count - 1; i >= 0; i--)
            if (evaluations[i].Metrics.TryGetValue(metric, out var v) && v is not null) return v;
        return null;
    }

    /// <summary>r = 1 + clip(σ·(m_p − m_t)/max(|m_p|, ε), −1, 1); 1 without two finite values.</summary>
    static double Rate(AdaptiveLossTerm term, double? current, double? previous)
    {
        if (current is not { } now || previous is not { } before) return 1.0;
        var sign = term.HigherIsBetter ? 1.0 : -1.0;
        var degradation = sign * (before - now) / Math.Max(Math.Abs(before), Epsilon);
        return 1.0 + Math.Clamp(degradation, -1.0, 1.0);
    }

    /// <summary>w_k = b_k·K·softmax(r/T)_k (b_k when not adaptive).</summary>
    Dictionary<string, double> Weigh(Dictionary<string, double> rates)
    {
        if (!Adaptive) return terms.ToDictionary(t => t.Name, t => t.BaseWeight);
        var max = rates.Values.Max(); // subtracted for a stable softmax; it cancels
        var e = terms.ToDictionary(t => t.Name, t => Math.Exp((rates[t.Name] - max) / Temperature));
        var sum = e.Values.Sum();
        return terms.ToDictionary(t => t.Name, t => t.BaseWeight * (terms.Length * e[t.Name] / sum)); // K·1/K = 1 exactly for equal rates
    }

    /// <summary>A copy of the scheduler's state (store it with a checkpoint).</summary>
    public AdaptiveWeightsState State => new()
    {
        Terms = terms.ToArray(),
        Temperature = Temperature,
        Adaptive = Adaptive,
        Evaluations = evaluations.Select(Copy).ToArray(),
    };

    /// <summary>The scheduler as it was when <paramref name="state"/> was taken.</summary>
    public static AdaptiveLossWeights FromState(AdaptiveWeightsState state)
    {
        var s = new AdaptiveLossWeights(state.Terms, state.Temperature, state.Adaptive);
        foreach (var e in state.Evaluations)
        {
            if (!s.terms.All(t => e.Weights.ContainsKey(t.Name) && e.Rates.ContainsKey(t.Name) && e.Metrics.ContainsKey(t.Metric)))
                throw new ArgumentException($"adaptive weights state: evaluation at step {e.Step} lacks a term's metric, rate or weight", nameof(state));
            s.evaluations.Add(Copy(e));
        }
        if (s.evaluations.Count > 0)
            foreach (var t in s.terms) s.weights[t.Name] = s.evaluations[^1].Weights[t.Name];
        return s;
    }

    public string ToJson() => JsonSerializer.Serialize(State, Json);

    public static AdaptiveLossWeights FromJson(string json) =>
        FromState(JsonSerializer.Deserialize<AdaptiveWeightsState>(json) ?? throw new ArgumentException("adaptive weights state: empty JSON", nameof(json)));

    static AdaptiveWeightsEvaluation Copy(AdaptiveWeightsEvaluation e) => new()
    {
        Step = e.Step,
        Metrics = new(e.Metrics),
        Rates = new(e.Rates),
        Weights = new(e.Weights),
    };
}
