using FacetCL.Losses;
using static TorchSharp.torch;

namespace FacetCL.Tests.Losses;

public class FactorOrthogonalityLossTests
{
    [Fact]
    public void OrthogonalFactorsGiveZero()
    {
        // Text 1: e1, 2·e2, e3. Text 2: (1,1,0), (1,−1,0), (0,0,2): every pair has cosine exactly 0.
        using var z = tensor(new float[] { 1, 0, 0, 1, 1, 0, 0, 2, 0, 1, -1, 0, 0, 0, 1, 0, 0, 2 }, [3, 2, 3]);
        using var loss = new FactorOrthogonalityLoss().forward(z);
        Assert.Equal(0f, loss.item<float>());
    }

    [Fact]
    public void CollinearFactorsGiveOne()
    {
        // (1,2,2), (−2,−4,−4), (0.5,1,1): cos = ±1, cos² = 1 for every pair.
        using var z = tensor(new float[] { 1, 2, 2, -2, -4, -4, 0.5f, 1, 1 }, [3, 1, 3]);
        using var loss = new FactorOrthogonalityLoss().forward(z);
        Assert.Equal(1.0, loss.item<float>(), 5);
    }

    [Fact]
    public void MixedCaseMatchesHandValue()
    {
        // Text 1: (1,0), (0.6,0.8), (0,1): pair cosines 0.6, 0, 0.8 → squares 0.36, 0, 0.64 → mean 1/3.
        // Text 2: (1,0), (1,0), (1,0): every cos² = 1. Mean over texts: (1/3 + 1)/2 = 2/3.
        using var z = tensor(new float[] { 1, 0, 1, 0, 0.6f, 0.8f, 1, 0, 0, 1, 1, 0 }, [3, 2, 2]);
        using var loss = new FactorOrthogonalityLoss().forward(z);
        Assert.Equal(2.0 / 3, loss.item<float>(), 5);
    }

    [Fact]
    public void GradientsFlow()
    {
        using var z = randn(5, 4, 8, requires_grad: true);
        using var loss = new FactorOrthogonalityLoss().forward(z);
        loss.backward();
        Assert.True(z.grad!.abs().sum().item<float>() > 0);
        Assert.False(z.grad!.isnan().any().item<bool>());
    }
}
