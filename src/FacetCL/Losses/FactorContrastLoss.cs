using FacetCL.Factors;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FacetCL.Losses;

/// <summary>
/// Supervised contrast inside every factor subspace, at layered temperatures: the fused vector of each
/// factor and, weighted by λ = layer-contrast weight, each (factor, layer) head's own vector.
/// <para>
/// With S(x, y; τ) = <see cref="FactorSupervisedContrastiveLoss"/> (SupCon L_out, Khosla et al. 2020),
/// z_f = fused vector of factor f [B, d], v_fl = head (f, l)'s vector, y_f = factor f's labels,
/// τ_l = the head layer's temperature and τ_fused (see <see cref="LayerTemperatures"/>):
/// <c>L = (1/F) Σ_f [ S(z_f, y_f; τ_fused) + λ·(1/L) Σ_l S(v_fl, y_f; τ_l) ]</c>.
/// The mean is over all F factors, so the term keeps its scale whichever factors a batch happens to
/// label (a factor without positives in the batch contributes 0).
/// </para>
/// Inputs: a <see cref="FactorOutput"/> (Fused [F, B, d], PerLayer [F, L, B, d]) and labels [F, B] int64
/// (−1 = unlabelled for that factor). Example:
/// <code>using var contrast = new FactorContrastLoss(new LayerTemperatures(0.05, 0.1, 0.2), heads.LayerIndices, 6, layerContrastWeight: 0.5);
/// var loss = contrast.forward(heads.forward(layers, mask), labels);</code>
/// </summary>
public sealed class FactorContrastLoss : Module<FactorOutput, Tensor, Tensor>
{
    /// <summary>Temperature of each head layer, in the order of <see cref="FactorOutput.PerLayer"/>'s second axis.</summary>
    public IReadOnlyList<double> HeadTemperatures { get; }
    public double FusedTemperature { get; }
    public double LayerContrastWeight { get; }

    /// <summary>The loss and its parts per factor (all attached to the graph; <c>.detach()</c> them to log).</summary>
    /// <param name="Loss">scalar L</param>
    /// <param name="Fused">[F]: S(z_f, y_f; τ_fused)</param>
    /// <param name="Layers">[F]: (1/L) Σ_l S(v_fl, y_f; τ_l), before λ</param>
    public sealed record Result(Tensor Loss, Tensor Fused, Tensor Layers);

    public FactorContrastLoss(IReadOnlyList<double> headTemperatures, double fusedTemperature, double layerContrastWeight)
        : base(nameof(FactorContrastLoss))
    {
        foreach (var t in headTemperatures.Append(fusedTemperature))
            if (!(t > 0) || !double.IsFinite(t)) throw new ArgumentOutOfRangeException(nameof(headTemperatures), t, "temperatures must be positive");
        if (!(layerContrastWeight >= 0) || !double.IsFinite(layerContrastWeight))
            throw new ArgumentOutOfRangeException(nameof(layerContrastWeight), layerContrastWeight, "must be ≥ 0");
        HeadTemperatures = headTemperatures.ToArray();
        FusedTemperature = fusedTemperature;
        LayerContrastWeight = layerContrastWeight;
    }

    /// <summary>Temperatures from <paramref name="temperatures"/> for heads on the 0-based encoder layers <paramref name="layerIndices"/>.</summary>
    public FactorContrastLoss(LayerTemperatures temperatures, IReadOnlyList<int> layerIndices, int layerCount, double layerContrastWeight)
        : this(temperatures.ForHeads(layerIndices, layerCount), temperatures.Fused, layerContrastWeight)
    {
    }

    /// <param name="output">Fused [F, B, d], PerLayer [F, L, B, d]</param>
    /// <param name="labels">[F, B] int64, −1 = unlabelled</param>
    public override Tensor forward(FactorOutput output, Tensor labels)
    {
        var r = Compute(output, labels);
        r.Fused.Dispose();
        r.Layers.Dispose();
        return r.Loss;
    }

    public Result Compute(FactorOutput output, Tensor labels)
    {
        var fused = output.Fused;
        var perLayer = output.PerLayer;
        long f = fused.shape[0], b = fused.shape[1], l = perLayer.shape[1];
        if (labels.dim() != 2 || labels.shape[0] != f || labels.shape[1] != b)
            throw new ArgumentException($"labels must be [F, B] = [{f}, {b}], got [{string.Join(", ", labels.shape)}]");
        if (l != HeadTemperatures.Count)
            throw new ArgumentException($"the output has {l} head layers but {HeadTemperatures.Count} temperatures were given");

        using var scope = NewDisposeScope();
        var fusedTerms = new Tensor[f];
        var layerTerms = new Tensor[f];
        for (var k = 0; k < f; k++)
        {
            var y = labels[k];
            fusedTerms[k] = FactorSupervisedContrastiveLoss.Compute(fused[k], y, FusedTemperature);
            layerTerms[k] = l == 0
                ? fused[k].sum() * 0
                : stack(Enumerable.Range(0, (int)l).Select(j => FactorSupervisedContrastiveLoss.Compute(perLayer[k, j], y, HeadTemperatures[j]))).mean();
        }
        var fusedT = stack(fusedTerms);
        var layersT = stack(layerTerms);
        var loss = (fusedT + layersT * LayerContrastWeight).mean();
        return new Result(loss.MoveToOuterDisposeScope(), fusedT.MoveToOuterDisposeScope(), layersT.MoveToOuterDisposeScope());
    }
}
