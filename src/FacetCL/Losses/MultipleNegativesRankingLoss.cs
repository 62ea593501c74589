using static TorchSharp.torch;

namespace FacetCL.Losses;

/// <summary>
/// InfoNCE with in-batch negatives and one hard negative per anchor — sentence-transformers'
/// <c>MultipleNegativesRankingLoss</c> (Henderson et al. 2017, "Efficient Natural Language Response
/// Suggestion for Smart Reply"; van den Oord et al. 2018, "Representation Learning with Contrastive
/// Predictive Coding"; as used by SimCSE, Gao et al. 2021).
/// <para>
/// For anchors a_i, positives p_i and hard negatives n_i (i = 1..B), with candidates
/// c = [p_1..p_B, n_1..n_B] and s = scale (= 1/τ):
/// <c>L = −(1/B) Σ_i log( exp(s·cos(a_i, p_i)) / Σ_j exp(s·cos(a_i, c_j)) )</c>,
/// i.e. cross-entropy over the 2B candidates with the target at column i.
/// </para>
/// Inputs: embeddings [B, d] (any norm; cosine is taken here). Example:
/// <code>var loss = new MultipleNegativesRankingLoss(scale: 20).Compute(anchors, positives, negatives);</code>
/// </summary>
public sealed class MultipleNegativesRankingLoss(double scale = 20.0)
{
    public double Scale { get; } = scale > 0 ? scale : throw new ArgumentOutOfRangeException(nameof(scale), "must be positive");

    /// <param name="anchors">[B, d]</param>
    /// <param name="positives">[B, d]</param>
    /// <param name="hardNegatives">[B, d], or null for in-batch negatives only</param>
    public Tensor Compute(Tensor anchors, Tensor positives, Tensor? hardNegatives)
    {
        using var scope = NewDisposeScope();
        var candidates = hardNegatives is null ? positives : cat([positives, hardNegatives], 0);
        var a = nn.functional.normalize(anchors, p: 2, dim: 1);
        var c = nn.functional.normalize(candidates, p: 2, dim: 1);
        var logits = a.matmul(c.t()) * Scale;
        var targets = arange(anchors.shape[0], dtype: int64, device: anchors.device);
        return nn.functional.cross_entropy(logits, targets).MoveToOuterDisposeScope();
    }
}
