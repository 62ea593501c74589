namespace FacetCL.Diagnostics;

/// <summary>Which way a metric improves.</summary>
public enum MetricDirection
{
    HigherIsBetter,
    LowerIsBetter,
}

/// <summary>
/// One metric of the quality report: its key in <c>diagnostics.json</c> (<c>metrics.KEY.value</c>), a short
/// label, which way it improves, and how the table says so (the robustness gain is better above 1 and
/// rises as the model gets more robust than the reference).
/// </summary>
public sealed record QualityMetric(string Key, string Label, MetricDirection Direction, string Better)
{
    /// <summary>+1 when <paramref name="change"/> is an improvement, −1 when it is a degradation, 0 when it is zero.</summary>
    public int Judge(double change) => change == 0 ? 0 : (change > 0) == (Direction == MetricDirection.HigherIsBetter) ? 1 : -1;
}

/// <summary>The metrics of <see cref="QualityDiagnostics"/> in report order (README, "Diagnostics", gives the formulas).</summary>
public static class QualityMetrics
{
    // Short labels so the diagnose table fits 80 columns in a log.
    public static IReadOnlyList<QualityMetric> All { get; } =
    [
        new("sts_spearman", "STS Spearman ×100", MetricDirection.HigherIsBetter, "higher"),
        new("alignment", "alignment", MetricDirection.LowerIsBetter, "lower"),
        new("uniformity", "uniformity", MetricDirection.LowerIsBetter, "lower"),
        new("anisotropy", "anisotropy", MetricDirection.LowerIsBetter, "lower"),
        new("effective_rank", "effective rank", MetricDirection.HigherIsBetter, "higher"),
        new("intra_anchor_compactness", "anchor compactness", MetricDirection.LowerIsBetter, "lower"),
        new("inter_anchor_separation", "anchor separation", MetricDirection.HigherIsBetter, "higher"),
        new("robustness", "robustness gain", MetricDirection.HigherIsBetter, "> 1"),
        new("task_structure_alignment", "task-axis alignment", MetricDirection.HigherIsBetter, "higher"),
        new("factor_orthogonality_index", "factor orthogonality", MetricDirection.LowerIsBetter, "lower"),
        new("factor_probe_accuracy", "factor probe accuracy", MetricDirection.HigherIsBetter, "higher"),
    ];

    public static QualityMetric? Find(string key) => All.FirstOrDefault(m => m.Key == key);
}
