using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FacetCL.Losses;

/// <summary>
/// Cross-layer consistency regularizer (DESIGN.md, "Engineering parts"): the same factor read at
/// neighbouring depths should point the same way. A hinge on the cosine between a factor's per-layer
/// vectors of the same text, for adjacent head layers:
/// <c>L = (1/(F·(L−1)·B)) Σ_f Σ_{l=1}^{L−1} Σ_b max(0, m − cos(v_{f,l,b}, v_{f,l+1,b}))</c>, m = margin (0.88).
/// <para>
/// Adjacent pairs, not all pairs: consecutive layers change a representation gradually, so a factor may
/// drift across the whole depth (a syntax reading at layer 1 and at layer 6 need not agree to 0.88)
/// while each step stays small; all pairs would force the bottom and top heads together and undo the
/// point of per-layer heads. The loss is exactly 0 when every adjacent cosine is ≥ m, so heads that
/// already agree feel no pull (the form of PyTorch's <c>CosineEmbeddingLoss</c> with the margin moved to
/// similar pairs). With fewer than two head layers it is <c>0·Σv</c> (zero, attached to the graph).
/// </para>
/// Inputs: <c>perLayer</c> [F, L, B, d] (<see cref="Factors.FactorOutput.PerLayer"/>, any norm). Example:
/// <code>using var consistency = new CrossLayerConsistencyLoss(margin: 0.88);
/// var loss = consistency.forward(output.PerLayer);</code>
/// </summary>
public sealed class CrossLayerConsistencyLoss : Module<Tensor, Tensor>
{
    public double Margin { get; }

    public CrossLayerConsistencyLoss(double margin = 0.88) : base(nameof(CrossLayerConsistencyLoss))
    {
        Margin = margin is >= -1 and <= 1 ? margin : throw new ArgumentOutOfRangeException(nameof(margin), margin, "a cosine margin lies in [−1, 1]");
    }

    /// <param name="perLayer">[F, L, B, d]</param>
    /// <returns>scalar</returns>
    public override Tensor forward(Tensor perLayer)
    {
        if (perLayer.dim() != 4) throw new ArgumentException($"per-layer vectors must be [F, L, B, d], got [{string.Join(", ", perLayer.shape)}]");
        using var scope = NewDisposeScope();
        if (perLayer.shape[1] < 2) return (perLayer.sum() * 0).MoveToOuterDisposeScope();
        return functional.relu(Margin - Adjacent(perLayer)).mean().MoveToOuterDisposeScope();
    }

    /// <summary>Mean adjacent-layer cosine [F] of each factor (a diagnostic; no gradient needed).</summary>
    public static Tensor AdjacentCosine(Tensor perLayer)
    {
        if (perLayer.dim() != 4 || perLayer.shape[1] < 2) throw new ArgumentException("per-layer vectors [F, L, B, d] with L ≥ 2 are needed");
        using var scope = NewDisposeScope();
        return Adjacent(perLayer).mean([1, 2]).MoveToOuterDisposeScope();
    }

    /// <summary>cos(v_{f,l,b}, v_{f,l+1,b}) as [F, L−1, B].</summary>
    static Tensor Adjacent(Tensor perLayer)
    {
        var l = perLayer.shape[1];
        var z = functional.normalize(perLayer, p: 2, dim: -1);
        return (z.narrow(1, 0, l - 1) * z.narrow(1, 1, l - 1)).sum(-1);
    }
}
