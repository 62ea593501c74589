namespace FacetCL.Training;

/// <summary>
/// The loss terms of the semantic tensor objective and the validation metric each is tied to (the mapping
/// <see cref="AdaptiveLossWeights.FromConfig"/> uses). Each term answers to the metric that measures what
/// the term is there to produce, so a term gains weight when its own goal slips.
/// </summary>
public static class LossTerms
{
    /// <summary>Contrast on the main vector (anchors) → STS-B dev Spearman of the main vector (higher is better).</summary>
    public const string Main = "main";
    /// <summary>Factor-subspace contrast → mean over factors of the linear-probe accuracy of the factor vector on held-out labelled texts (higher).</summary>
    public const string Factor = "factor";
    /// <summary>Cross-layer consistency → mean adjacent-layer cosine of the factor heads' vectors on validation texts (higher).</summary>
    public const string Consistency = "consistency";
    /// <summary>Factor orthogonality → factor orthogonality index, mean |cos| over factor pairs (lower).</summary>
    public const string Orthogonality = "orthogonality";
    /// <summary>Factor sparsity → mean <see cref="Losses.FactorSparsityLoss"/> value s(v) of the fused factor vectors on validation texts (lower).</summary>
    public const string Sparsity = "sparsity";

    public const string StsbDevSpearman = "stsb_dev_spearman";
    public const string FactorProbeAccuracy = "factor_probe_accuracy";
    public const string CrossLayerConsistency = "cross_layer_consistency";
    public const string FactorOrthogonalityIndex = "factor_orthogonality_index";
    public const string FactorSparsity = "factor_sparsity";
}
