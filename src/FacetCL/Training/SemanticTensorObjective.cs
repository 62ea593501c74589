using FacetCL.Factors;
using FacetCL.Losses;
using static TorchSharp.torch;

namespace FacetCL.Training;

/// <summary>
/// The loss terms of the semantic tensor (stage 2) for one batch, each its own module from
/// <c>Losses/</c>: supervised contrast inside every factor subspace on the factor labels (fused
/// vectors, and each layer's head with its layered temperature), cross-layer consistency, factor
/// orthogonality and factor sparsity. The main-vector term is the session's anchor / MNRL loss.
/// The trainer weighs the terms (<see cref="AdaptiveLossWeights"/>); term order is <see cref="Terms"/>.
/// </summary>
public sealed class SemanticTensorObjective : IDisposable
{
    /// <summary>Names of every term, in weight order; "main" is the main-vector contrast.</summary>
    public static IReadOnlyList<string> Terms { get; } = [LossTerms.Main, LossTerms.Factor, LossTerms.Consistency, LossTerms.Orthogonality, LossTerms.Sparsity];

    readonly FactorContrastLoss factor;
    readonly CrossLayerConsistencyLoss consistency;
    readonly FactorOrthogonalityLoss orthogonality = new();
    readonly FactorSparsityLoss sparsity = new();

    /// <param name="heads">the model's factor heads (their layers set the layered temperatures)</param>
    /// <param name="layerCount">the encoder's layer count</param>
    public SemanticTensorObjective(TrainConfig.SemanticTensorSection section, FactorHeads heads, int layerCount)
    {
        var temperatures = new LayerTemperatures(section.TemperatureLow, section.TemperatureMid, section.TemperatureHigh);
        factor = new FactorContrastLoss(temperatures, heads.LayerIndices, layerCount, section.LayerContrastWeight);
        consistency = new CrossLayerConsistencyLoss(section.ConsistencyMargin);
    }

    /// <summary>The current weights of <paramref name="weights"/> in <see cref="Terms"/> order.</summary>
    public static double[] InOrder(AdaptiveLossWeights weights) => Terms.Select(t => weights[t]).ToArray();

    /// <summary>The four factor terms (factor, consistency, orthogonality, sparsity) of a batch.</summary>
    /// <param name="output">the factor heads' output for every text of the batch</param>
    /// <param name="labels">[F, B] int64 factor bins, −1 = unknown</param>
    public Tensor[] Compute(FactorOutput output, Tensor labels) =>
    [
        factor.forward(output, labels),
        consistency.forward(output.PerLayer),
        orthogonality.forward(output.Fused),
        sparsity.forward(output.Fused),
    ];

    public void Dispose()
    {
        factor.Dispose();
        consistency.Dispose();
        orthogonality.Dispose();
        sparsity.Dispose();
    }
}
