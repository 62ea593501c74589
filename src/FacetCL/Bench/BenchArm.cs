namespace FacetCL.Bench;

/// <summary>
/// One arm of the benchmark: a training recipe expressed as config overrides on top of the shared
/// settings, plus a plain description of its objective (recorded in the results).
/// </summary>
public sealed record BenchArm(string Name, string Objective, string Sampler, IReadOnlyList<string> Overrides)
{
    /// <summary>
    /// Stages of the design (declared first: the arms below read it) that have landed on main, each with the
    /// overrides that turn it off (its ablation arm). Calibration and task distillation add themselves here
    /// when they land.
    /// </summary>
    public static IReadOnlyList<(string Name, IReadOnlyList<string> OffOverrides)> LandedStages { get; } =
    [
        ("anchors", ["anchors.enabled=false"]),
        ("semantic_tensor", ["semantic_tensor.enabled=false"]),
    ];

    const string Mnrl = "MultipleNegativesRankingLoss (InfoNCE, in-batch + hard negatives, scale 20, mean pooling)";

    /// <summary>The plain recipe people use today: sentence-transformers' MNRL with its no-duplicates batch sampler.</summary>
    public static BenchArm Baseline { get; } = new("baseline", Mnrl,
        "shuffled duplicate-free batches (sentence-transformers' NoDuplicatesBatchSampler)",
        ["training.bucket_batches=1", .. LandedStages.SelectMany(s => s.OffOverrides)]);

    /// <summary>facetcl's objective as it stands on main (every landed stage on).</summary>
    public static BenchArm FacetCl { get; } = new("facetcl",
        "AnchorContrastiveLoss (multi-positive InfoNCE: the data set's positive plus in-batch texts of the same anchor; same-anchor texts never negatives; scale 20, mean pooling) on the main vector; with the semantic tensor, plus factor heads on every layer, the role signal (role dropout 0.3), "
        + "supervised contrast inside each factor subspace on weak and gold factor labels, cross-layer consistency, factor orthogonality and sparsity (the config's base weights: "
        + "the bench does not evaluate mid-run, so the adaptive weights stay at their base values); stages on: "
        + string.Join(", ", LandedStages.Select(s => s.Name)),
        "length-bucketed duplicate-free batches (8 batches per bucket); triplets whose positives share an anchor travel together", []);

    public static IReadOnlyList<BenchArm> All(bool ablations)
    {
        var arms = new List<BenchArm> { Baseline, FacetCl };
        if (ablations)
            arms.AddRange(LandedStages.Select(s => FacetCl with { Name = $"facetcl-no-{s.Name}", Objective = FacetCl.Objective + $" (without {s.Name})", Overrides = s.OffOverrides }));
        return arms;
    }
}
