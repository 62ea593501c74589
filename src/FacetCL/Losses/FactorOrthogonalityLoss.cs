using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FacetCL.Losses;

/// <summary>
/// Factor orthogonality regularizer (DESIGN.md, "Engineering parts"): the five factor vectors of one text
/// should carry different information, so their directions should be orthogonal.
/// <para>
/// The mean squared cosine between different factors' fused vectors of the same text:
/// <c>L = (2/(F·(F−1)·B)) Σ_b Σ_{f&lt;g} cos²(z_{f,b}, z_{g,b})</c>,
/// i.e. the mean off-diagonal entry of the squared Gram matrix of each text's normalised factor vectors
/// (a soft orthogonality penalty ‖ZZᵀ − I‖²_F in the manner of Bansal et al. 2018, "Can We Gain More from
/// Orthogonality Regularizations in Training Deep Networks?", applied to the factor vectors instead of
/// weights). 0 when the factors are mutually orthogonal, 1 when collinear (either sign). The square, unlike
/// the diagnostics' mean |cos| (the factor orthogonality index), is smooth at 0.
/// With one factor it is <c>0·Σz</c> (zero, attached to the graph).
/// </para>
/// Inputs: <c>fused</c> [F, B, d] (<see cref="Factors.FactorOutput.Fused"/>, any norm; every factor has size d).
/// Example: <code>using var orth = new FactorOrthogonalityLoss(); var loss = orth.forward(output.Fused);</code>
/// </summary>
public sealed class FactorOrthogonalityLoss() : Module<Tensor, Tensor>(nameof(FactorOrthogonalityLoss))
{
    /// <param name="fused">[F, B, d]</param>
    /// <returns>scalar in [0, 1]</returns>
    public override Tensor forward(Tensor fused)
    {
        if (fused.dim() != 3) throw new ArgumentException($"factor vectors must be [F, B, d], got [{string.Join(", ", fused.shape)}]");
        using var scope = NewDisposeScope();
        var f = fused.shape[0];
        if (f < 2) return (fused.sum() * 0).MoveToOuterDisposeScope();
        var z = functional.normalize(fused, p: 2, dim: -1);
        var gram = einsum("fbd,gbd->bfg", z, z);                                                 // [B, F, F]
        var offDiagonal = ones(f, f, dtype: ScalarType.Bool, device: fused.device).triu(1);     // f < g
        return gram.square().masked_select(offDiagonal.unsqueeze(0).expand_as(gram)).mean().MoveToOuterDisposeScope();
    }
}
