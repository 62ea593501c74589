using FacetCL.Factors;
using FacetCL.Losses;
using static TorchSharp.torch;

namespace FacetCL.Tests.Losses;

public class FactorLossesOnHeadsTests
{
    [Fact]
    public void TheFactorLossesTogetherReachEveryHead()
    {
        // Real FactorHeads on random hidden states: 3 encoder layers of width 8, heads on all, factor vectors of 4.
        manual_seed(7);
        using var heads = new FactorHeads(8, 3, new SemanticTensorConfig { FactorDim = 4, GateDim = 3 });
        var layers = Enumerable.Range(0, 3).Select(_ => randn(6, 5, 8)).ToArray();
        using var mask = ones(6, 5, dtype: int64);
        var output = heads.forward(layers, mask);
        using var labels = randint(0, 2, [FactorKinds.Count, 6]);
        labels[1, 0] = tensor(-1L);

        using var contrast = new FactorContrastLoss(new LayerTemperatures(0.05, 0.1, 0.2), heads.LayerIndices, 3, 0.5);
        using var consistency = new CrossLayerConsistencyLoss();
        using var orthogonality = new FactorOrthogonalityLoss();
        using var sparsity = new FactorSparsityLoss();
        using var loss = contrast.forward(output, labels) + consistency.forward(output.PerLayer)
            + orthogonality.forward(output.Fused) + sparsity.forward(output.Fused);
        Assert.True(double.IsFinite(loss.item<float>()));
        loss.backward();

        var weightGrad = heads.named_parameters().Single(p => p.name == "head_weight").parameter.grad!; // [F, L, H, d]
        for (var f = 0; f < FactorKinds.Count; f++)
            for (var l = 0; l < 3; l++)
                Assert.True(weightGrad[f, l].abs().sum().item<float>() > 0, $"head (factor {f}, layer {l}) has no gradient");
        foreach (var (name, p) in heads.named_parameters())
            Assert.False(p.grad!.isnan().any().item<bool>(), $"{name}: NaN gradient");
    }
}
