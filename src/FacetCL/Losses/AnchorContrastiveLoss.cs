using static TorchSharp.torch;

namespace FacetCL.Losses;

/// <summary>
/// Multi-positive InfoNCE over anchor identity (supervised-contrastive form: Khosla et al. 2020,
/// "Supervised Contrastive Learning"; with in-batch and hard negatives as in
/// <see cref="MultipleNegativesRankingLoss"/>).
/// <para>
/// Rows are the batch's anchors a_i; candidates c = [p_1..p_B, n_1..n_B] (positives, then hard
/// negatives). Each text carries an anchor id (its semantic fingerprint; −1 = none). Row i's
/// positive set P_i is its own positive p_i plus every other candidate that states the same
/// proposition as a_i or as p_i (shares the anchor of either: what a_i entails is entailed by
/// anything equal to it), except its own hard negative n_i: the data set says n_i contradicts
/// a_i, so when n_i shares such an anchor (a parser slip) it is masked out rather than pulled
/// closer. Shared-anchor candidates thus never act as negatives (the false-negative mask). With s = scale:
/// <c>L = (1/B) Σ_i −(1/|P_i|) Σ_{p∈P_i} log( exp(s·cos(a_i,c_p)) / Σ_{k∉M_i} exp(s·cos(a_i,c_k)) )</c>,
/// M_i = masked candidates of row i. With no shared anchors it equals MultipleNegativesRankingLoss.
/// </para>
/// Example: <c>var r = new AnchorContrastiveLoss(20).Compute(a, p, n, anchorIds, positiveIds, negativeIds);</c>
/// </summary>
public sealed class AnchorContrastiveLoss(double scale = 20.0)
{
    public double Scale { get; } = scale > 0 ? scale : throw new ArgumentOutOfRangeException(nameof(scale), "must be positive");

    /// <summary>The loss and what the anchors changed in this batch.</summary>
    /// <param name="ExtraPositives">candidate pairs used as positives beyond the data set's own</param>
    /// <param name="MaskedNegatives">candidates that would have been negatives but share the row's anchor</param>
    public sealed record Result(Tensor Loss, int ExtraPositives, int MaskedNegatives);

    /// <param name="anchors">[B, d]</param>
    /// <param name="positives">[B, d]</param>
    /// <param name="negatives">[B, d]</param>
    /// <param name="anchorIds">anchor id of each a_i (−1 = none)</param>
    /// <param name="positiveIds">anchor id of each p_i</param>
    /// <param name="negativeIds">anchor id of each n_i</param>
    public Result Compute(Tensor anchors, Tensor positives, Tensor negatives, long[] anchorIds, long[] positiveIds, long[] negativeIds)
    {
        var b = (int)anchors.shape[0];
        if (anchorIds.Length != b || positiveIds.Length != b || negativeIds.Length != b)
            throw new ArgumentException("one anchor id per text is needed");
        var candidateIds = positiveIds.Concat(negativeIds).ToArray();
        var positive = new bool[b * 2 * b];
        var masked = new bool[b * 2 * b];
        int extra = 0, maskedCount = 0;
        for (var i = 0; i < b; i++)
        {
            for (var j = 0; j < 2 * b; j++)
            {
                var k = i * 2 * b + j;
                if (j == i)
                {
                    positive[k] = true; // the data set's own positive
                    continue;
                }
                var id = candidateIds[j];
                var shares = id >= 0 && (id == anchorIds[i] || id == positiveIds[i]);
                if (!shares) continue;
                if (j == b + i)
                {
                    masked[k] = true; // own hard negative sharing the anchor: neither push nor pull
                    maskedCount++;
                }
                else
                {
                    positive[k] = true;
                    extra++;
                    maskedCount++; // removed from the negatives it would otherwise have been
                }
            }
        }

        using var scope = NewDisposeScope();
        var a = nn.functional.normalize(anchors, p: 2, dim: 1);
        var c = nn.functional.normalize(cat([positives, negatives], 0), p: 2, dim: 1);
        var logits = a.matmul(c.t()) * Scale;
        var maskT = tensor(masked, [b, 2 * b], device: logits.device);
        var posT = tensor(positive, [b, 2 * b], device: logits.device).to(logits.dtype);
        logits = logits.masked_fill(maskT, double.NegativeInfinity);
        var logProb = logits.log_softmax(1);
        // Masked entries are −inf but have zero weight; avoid 0·(−inf) = NaN.
        var perRow = -(logProb.masked_fill(maskT, 0) * posT).sum(1) / posT.sum(1);
        return new Result(perRow.mean().MoveToOuterDisposeScope(), extra, maskedCount);
    }
}
