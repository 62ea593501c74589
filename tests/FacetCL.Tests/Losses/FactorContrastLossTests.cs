using FacetCL.Factors;
using FacetCL.Losses;
using static TorchSharp.torch;

namespace FacetCL.Tests.Losses;

public class FactorContrastLossTests
{
    [Fact]
    public void LayerTemperaturesFollowDepthInThirds()
    {
        var t = new LayerTemperatures(0.05, 0.1, 0.2);
        Assert.Equal([0.05, 0.05, 0.1, 0.1, 0.2, 0.2], t.ForHeads([0, 1, 2, 3, 4, 5], 6));
        Assert.Equal([0.2, 0.2], t.ForHeads([4, 5], 6)); // depth decides, not rank among the heads
        Assert.Equal([0.05, 0.05, 0.05, 0.05, 0.1, 0.1, 0.1, 0.1, 0.2, 0.2, 0.2, 0.2], t.ForHeads(Enumerable.Range(0, 12).ToArray(), 12));
        Assert.Equal(0.2, t.Fused);
        Assert.Throws<ArgumentOutOfRangeException>(() => t.ForLayer(6, 6));
    }

    [Fact]
    public void CombinesFusedAndPerLayerTermsAtTheirTemperatures()
    {
        // Every vector set below is z1 = z2 = (1,0), z3 = (0,1) with labels (0,0,1) for factor 0. Anchors 1 and 2 each
        // have the other as positive (cos 1) and text 3 as negative (cos 0): S = −(1/τ − lse(1/τ, 0)) = log(1 + e^(−1/τ)).
        // Factor 1 is unlabelled: 0. Heads on layers 0 and 3 of 6 → τ_low = 0.5, τ_mid = 1; fused τ_high = 2; λ = 0.5:
        //   L = ½·[ g(2) + 0.5·½·(g(0.5) + g(1)) ] + ½·0,   g(τ) = log(1 + e^(−1/τ)).
        static double G(double tau) => Math.Log(1 + Math.Exp(-1 / tau));
        float[] set = [1, 0, 1, 0, 0, 1];
        using var fused = tensor(set.Concat(set).ToArray(), [2, 3, 2]);
        using var perLayer = tensor(Enumerable.Repeat(set, 4).SelectMany(x => x).ToArray(), [2, 2, 3, 2]);
        using var gates = ones(2, 3, 2) / 2;
        using var labels = tensor(new long[] { 0, 0, 1, -1, -1, -1 }, [2, 3]);
        using var loss = new FactorContrastLoss(new LayerTemperatures(0.5, 1, 2), [0, 3], 6, layerContrastWeight: 0.5);
        var r = loss.Compute(new FactorOutput(fused, perLayer, gates), labels);
        Assert.Equal(0.5 * (G(2) + 0.5 * 0.5 * (G(0.5) + G(1))), r.Loss.item<float>(), 5);
        Assert.Equal(G(2), r.Fused[0].item<float>(), 5);
        Assert.Equal((G(0.5) + G(1)) / 2, r.Layers[0].item<float>(), 5);
        Assert.Equal(0f, r.Fused[1].item<float>());
    }

    [Fact]
    public void GradientsReachFusedAndEveryLayer()
    {
        using var fused = randn(5, 6, 4, requires_grad: true);
        using var perLayer = randn(5, 3, 6, 4, requires_grad: true);
        using var gates = ones(5, 6, 3) / 3;
        using var labels = randint(0, 2, [5, 6]);
        using var contrast = new FactorContrastLoss([0.05, 0.1, 0.2], 0.2, 0.5);
        using var loss = contrast.forward(new FactorOutput(fused, perLayer, gates), labels);
        loss.backward();
        Assert.True(fused.grad!.abs().sum().item<float>() > 0);
        for (var l = 0; l < 3; l++) Assert.True(perLayer.grad![.., l].abs().sum().item<float>() > 0, $"layer {l} has no gradient");
    }

    [Fact]
    public void RejectsMismatchedShapes()
    {
        using var contrast = new FactorContrastLoss([0.1, 0.1], 0.2, 0.5);
        using var fused = randn(5, 6, 4);
        using var perLayer = randn(5, 3, 6, 4);
        using var gates = ones(5, 6, 3) / 3;
        using var labels = zeros(5, 6, dtype: int64);
        Assert.Throws<ArgumentException>(() => contrast.forward(new FactorOutput(fused, perLayer, gates), labels)); // 3 layers, 2 temperatures
    }
}
