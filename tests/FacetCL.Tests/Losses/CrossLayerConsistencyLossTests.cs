using FacetCL.Losses;
using static TorchSharp.torch;

namespace FacetCL.Tests.Losses;

public class CrossLayerConsistencyLossTests
{
    [Fact]
    public void HingeOnAdjacentCosinesMatchesHandValue()
    {
        // One factor, three layers, two texts. Text 1: (1,0) → (0.6,0.8) → (0,1): adjacent cosines 0.6, 0.8.
        // Text 2: (1,0) → (1,0) → (3,0): cosines 1, 1. Margin 0.88: hinges 0.28, 0.08, 0, 0 → mean 0.36/4 = 0.09.
        using var v = tensor(new float[] { 1, 0, 1, 0, 0.6f, 0.8f, 1, 0, 0, 1, 3, 0 }, [1, 3, 2, 2]);
        using var loss = new CrossLayerConsistencyLoss(0.88).forward(v);
        Assert.Equal(0.09, loss.item<float>(), 5);
        using var cos = CrossLayerConsistencyLoss.AdjacentCosine(v);
        Assert.Equal((0.6 + 0.8 + 1 + 1) / 4, cos[0].item<float>(), 5);
    }

    [Fact]
    public void ZeroWhenEveryAdjacentCosineIsAtLeastTheMargin()
    {
        // Unit vectors at 0°, 28°, 56°: both adjacent cosines are cos 28° = 0.8829 ≥ 0.88 (just above the margin).
        var r = Math.PI / 180;
        using var v = tensor(new[] { 0.0, 28, 56 }.SelectMany(a => new[] { (float)Math.Cos(a * r), (float)Math.Sin(a * r) }).ToArray(), [1, 3, 1, 2]);
        using var consistency = new CrossLayerConsistencyLoss(0.88);
        Assert.Equal(0f, consistency.forward(v).item<float>());

        // Random heads that agree: a shared direction plus small noise (cosines checked ≥ 0.88 first).
        using var basis = randn(2, 1, 4, 16);
        using var near = (basis + 0.05 * randn(2, 5, 4, 16)).requires_grad_();
        Assert.True(CrossLayerConsistencyLoss.AdjacentCosine(near).min().item<float>() >= 0.88f);
        using var loss = consistency.forward(near);
        Assert.Equal(0f, loss.item<float>());
        loss.backward();
        Assert.Equal(0f, near.grad!.abs().sum().item<float>()); // heads that already agree feel no pull
    }

    [Fact]
    public void GradientsFlowWhenBelowTheMargin()
    {
        using var v = randn(5, 6, 4, 8, requires_grad: true);
        using var loss = new CrossLayerConsistencyLoss().forward(v);
        Assert.True(loss.item<float>() > 0);
        loss.backward();
        Assert.True(v.grad!.abs().sum().item<float>() > 0);
        Assert.False(v.grad!.isnan().any().item<bool>());
    }

    [Fact]
    public void OneLayerGivesAnAttachedZero()
    {
        using var v = randn(5, 1, 4, 8, requires_grad: true);
        using var loss = new CrossLayerConsistencyLoss().forward(v);
        Assert.Equal(0f, loss.item<float>());
        loss.backward();
        Assert.NotNull(v.grad);
    }
}
