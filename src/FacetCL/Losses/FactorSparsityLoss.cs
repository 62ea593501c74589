using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FacetCL.Losses;

/// <summary>
/// Factor sparsity regularizer (DESIGN.md, "Engineering parts": non-dominant dimensions → 0). For each fused
/// factor vector v ∈ ℝ^d, the L1 mass left after removing its k largest-magnitude entries (the dominant
/// ones), relative to its L2 norm and to the largest value that ratio can take:
/// <c>s(v) = (‖v‖₁ − Σ_{i∈top-k(|v|)} |v_i|) / ‖v‖₂ · √d / (d − k)</c>,
/// <c>L = (1/(F·B)) Σ_f Σ_b s(v_{f,b})</c>.
/// <para>
/// Dividing by ‖v‖₂ makes it scale-free (shrinking the vector does not lower it; only concentrating it does,
/// as in Hoyer's 2004 L1/L2 sparseness measure, "Non-negative Matrix Factorization with Sparseness
/// Constraints"). By Cauchy–Schwarz the d−k smallest magnitudes of a unit vector sum to at most
/// (d−k)/√d, reached when all magnitudes are equal, so s ∈ [0, 1]: 0 when at most k entries are non-zero,
/// 1 for a vector whose entries all have the same magnitude. The gradient acts on the non-dominant entries
/// only (through the L1 part) and on the overall scale (through the norm). A zero vector counts 0.
/// </para>
/// Inputs: <c>fused</c> [F, B, d] (<see cref="Factors.FactorOutput.Fused"/>), or any [..., d]. Example:
/// <code>using var sparsity = new FactorSparsityLoss(dominant: 1); var loss = sparsity.forward(output.Fused);</code>
/// </summary>
public sealed class FactorSparsityLoss : Module<Tensor, Tensor>
{
    /// <summary>k: the entries per vector that are free to be large.</summary>
    public int Dominant { get; }

    public FactorSparsityLoss(int dominant = 1) : base(nameof(FactorSparsityLoss))
    {
        Dominant = dominant >= 1 ? dominant : throw new ArgumentOutOfRangeException(nameof(dominant), dominant, "must be at least 1");
    }

    /// <param name="fused">[..., d] with d &gt; k</param>
    /// <returns>scalar in [0, 1]</returns>
    public override Tensor forward(Tensor fused)
    {
        var d = fused.shape[^1];
        if (d <= Dominant) throw new ArgumentException($"vectors of size {d} have no non-dominant entries with k = {Dominant}");
        using var scope = NewDisposeScope();
        var magnitude = fused.abs();
        var rest = magnitude.sum(-1) - magnitude.topk(Dominant, dim: -1).values.sum(-1);
        var norm = linalg.vector_norm(fused, 2, [-1]).clamp_min(1e-12); // vector_norm: zero gradient at 0, unlike sqrt
        var s = rest / norm * (Math.Sqrt(d) / (d - Dominant));
        return s.mean().MoveToOuterDisposeScope();
    }
}
