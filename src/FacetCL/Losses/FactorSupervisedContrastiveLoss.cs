using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FacetCL.Losses;

/// <summary>
/// Supervised contrastive loss inside one factor subspace — SupCon's <c>L_out</c> (Khosla et al. 2020,
/// "Supervised Contrastive Learning", eq. 2): texts with the same factor label are pulled together,
/// all other labelled texts pushed apart.
/// <para>
/// With z_i = v_i/‖v_i‖, τ = temperature, A = labelled texts that have at least one other text with
/// their label, P(i) = {p ∈ labelled, p ≠ i, y_p = y_i} and N(i) = {a ∈ labelled, a ≠ i}:
/// <c>L = (1/|A|) Σ_{i∈A} −(1/|P(i)|) Σ_{p∈P(i)} log( exp(z_i·z_p/τ) / Σ_{a∈N(i)} exp(z_i·z_a/τ) )</c>.
/// </para>
/// <para>
/// Unlabelled texts (label −1) take no part at all: not as anchors, not as positives and not as
/// negatives. Their factor value is unknown, so using one as a negative might push apart two texts of
/// the same class (the false-negative problem that <see cref="AnchorContrastiveLoss"/> masks too).
/// Labelled texts without a positive in the batch still serve as negatives for the others. When no text
/// has a positive the loss is <c>0·Σv</c>: exactly zero, still attached to the graph, so <c>backward()</c>
/// works and gives zero gradients.
/// </para>
/// Inputs: <c>vectors</c> [B, d] (any norm; normalised here), <c>labels</c> [B] int64 class ids (−1 = unlabelled).
/// Example:
/// <code>using var supcon = new FactorSupervisedContrastiveLoss(temperature: 0.1);
/// var loss = supcon.forward(output.Fused[(int)FactorKind.Sentiment], sentimentLabels);</code>
/// </summary>
public sealed class FactorSupervisedContrastiveLoss : Module<Tensor, Tensor, Tensor>
{
    public double Temperature { get; }

    public FactorSupervisedContrastiveLoss(double temperature = 0.1) : base(nameof(FactorSupervisedContrastiveLoss))
    {
        Temperature = CheckTemperature(temperature);
    }

    /// <param name="vectors">[B, d]</param>
    /// <param name="labels">[B] int64, −1 = unlabelled</param>
    /// <returns>scalar: the mean over anchors that have a positive</returns>
    public override Tensor forward(Tensor vectors, Tensor labels) => Compute(vectors, labels, Temperature);

    /// <summary>The loss at any temperature (what <see cref="forward"/> computes at <see cref="Temperature"/>).</summary>
    public static Tensor Compute(Tensor vectors, Tensor labels, double temperature)
    {
        CheckTemperature(temperature);
        if (vectors.dim() != 2) throw new ArgumentException($"vectors must be [B, d], got [{string.Join(", ", vectors.shape)}]");
        if (labels.dim() != 1 || labels.shape[0] != vectors.shape[0])
            throw new ArgumentException($"labels must be [B] with B = {vectors.shape[0]}, got [{string.Join(", ", labels.shape)}]");

        using var scope = NewDisposeScope();
        var b = vectors.shape[0];
        var y = labels.to(int64).to(vectors.device);
        var labelled = y.ge(0);
        var notSelf = eye(b, dtype: ScalarType.Bool, device: vectors.device).logical_not();
        var candidate = labelled.unsqueeze(0).logical_and(labelled.unsqueeze(1)).logical_and(notSelf); // N(i) for labelled i
        var positive = y.unsqueeze(0).eq(y.unsqueeze(1)).logical_and(candidate);                        // P(i)
        var anchors = positive.any(1).nonzero().squeeze(1);
        if (anchors.numel() == 0) return (vectors.sum() * 0).MoveToOuterDisposeScope();

        // Only anchor rows are computed: each has a finite positive entry, so log_softmax never sees a row
        // of −inf (which would give NaN values and gradients).
        var z = functional.normalize(vectors, p: 2, dim: 1);
        var logits = z.index_select(0, anchors).matmul(z.t()) / temperature;
        var cand = candidate.index_select(0, anchors);
        var pos = positive.index_select(0, anchors);
        var logProb = logits.masked_fill(cand.logical_not(), double.NegativeInfinity).log_softmax(1);
        // Non-positives are −inf or irrelevant; zero them before the sum (0·(−inf) = NaN).
        var perAnchor = -logProb.masked_fill(pos.logical_not(), 0).sum(1) / pos.sum(1).to(logits.dtype);
        return perAnchor.mean().MoveToOuterDisposeScope();
    }

    static double CheckTemperature(double temperature) =>
        temperature > 0 && double.IsFinite(temperature) ? temperature : throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "must be positive");
}
