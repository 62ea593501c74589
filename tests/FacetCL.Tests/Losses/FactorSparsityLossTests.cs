using FacetCL.Losses;
using static TorchSharp.torch;

namespace FacetCL.Tests.Losses;

public class FactorSparsityLossTests
{
    [Fact]
    public void MatchesHandValues()
    {
        // v = (3,−4,0,1): ‖v‖₁ = 8, largest |v_i| = 4, ‖v‖₂ = √26, d = 4.
        //   k = 1: (8 − 4)/√26 · √4/(4 − 1) = 8/(3√26);   k = 2: (8 − 7)/√26 · √4/(4 − 2) = 1/√26.
        // One-hot (0,5,0,0) → 0; equal magnitudes (1,−1,1,−1) → (4 − 1)/2 · 2/3 = 1. Zero vector → 0.
        using var v = tensor(new float[] { 3, -4, 0, 1 }, [1, 1, 4]);
        Assert.Equal(8 / (3 * Math.Sqrt(26)), new FactorSparsityLoss(1).forward(v).item<float>(), 5);
        Assert.Equal(1 / Math.Sqrt(26), new FactorSparsityLoss(2).forward(v).item<float>(), 5);
        using var oneHot = tensor(new float[] { 0, 5, 0, 0 }, [1, 1, 4]);
        Assert.Equal(0f, new FactorSparsityLoss().forward(oneHot).item<float>());
        using var flat = tensor(new float[] { 1, -1, 1, -1 }, [1, 1, 4]);
        Assert.Equal(1.0, new FactorSparsityLoss().forward(flat).item<float>(), 5);
        // Mean over [F=1, B=3]: (8/(3√26) + 0 + 1)/3.
        using var batch = tensor(new float[] { 3, -4, 0, 1, 0, 5, 0, 0, 1, -1, 1, -1 }, [1, 3, 4]);
        Assert.Equal((8 / (3 * Math.Sqrt(26)) + 1) / 3, new FactorSparsityLoss().forward(batch).item<float>(), 5);
    }

    [Fact]
    public void IsScaleFree()
    {
        using var v = randn(5, 4, 32);
        using var a = new FactorSparsityLoss().forward(v);
        using var b = new FactorSparsityLoss().forward(v * 7.5);
        Assert.Equal(a.item<float>(), b.item<float>(), 5);
    }

    [Fact]
    public void GradientsFlowAndAZeroVectorGivesNoNaN()
    {
        using var v = randn(2, 3, 8);
        v[0, 0] = zeros(8);
        v.requires_grad_();
        using var loss = new FactorSparsityLoss().forward(v);
        loss.backward();
        Assert.False(v.grad!.isnan().any().item<bool>());
        Assert.True(v.grad!.abs().sum().item<float>() > 0);
    }
}
