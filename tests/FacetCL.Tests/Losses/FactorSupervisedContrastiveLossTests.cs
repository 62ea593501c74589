using FacetCL.Losses;
using static TorchSharp.torch;

namespace FacetCL.Tests.Losses;

public class FactorSupervisedContrastiveLossTests
{
    static double Lse(params double[] x) => Math.Log(x.Sum(Math.Exp));

    [Fact]
    public void UnlabelledTextsAreNeitherAnchorsPositivesNorNegatives()
    {
        // z1=(1,0) y=0, z2=(0,1) y=0, z3=(2,0)→(1,0) y=1, z4=(0,1) y=−1, τ = 0.5.
        // Anchors: 1 and 2 (each the other's positive); 3 has no positive (skipped as an anchor, still a negative);
        // 4 is unlabelled and absent. Candidates of 1: {2, 3}, cos 0 and 1; of 2: {1, 3}, cos 0 and 0.
        //   L1 = −(0/τ − lse(0/τ, 1/τ)) = log(1 + e²);  L2 = −(0 − lse(0, 0)) = log 2;  L = (L1 + L2)/2.
        // Were z4 a negative, row 2 would gain cos(z2, z4)/τ = 2 in its denominator.
        using var v = tensor(new float[] { 1, 0, 0, 1, 2, 0, 0, 1 }, [4, 2]);
        using var y = tensor(new long[] { 0, 0, 1, -1 });
        using var loss = new FactorSupervisedContrastiveLoss(0.5).forward(v, y);
        Assert.Equal((Math.Log(1 + Math.Exp(2)) + Math.Log(2)) / 2, loss.item<float>(), 5);
    }

    [Fact]
    public void SeveralPositivesAverageOutsideTheLog()
    {
        // z1=(1,0), z2=(0.6,0.8), z3=(0,1), all label 0, τ = 1 (SupCon L_out: −(1/|P|) Σ_p log softmax).
        // Row 1: cos to (2,3) = (0.6, 0): −½[(0.6 − lse(0.6,0)) + (0 − lse(0.6,0))] = lse(0.6,0) − 0.3
        // Row 2: cos to (1,3) = (0.6, 0.8): lse(0.6,0.8) − 0.7;  Row 3: cos to (1,2) = (0, 0.8): lse(0,0.8) − 0.4
        using var v = tensor(new float[] { 1, 0, 0.6f, 0.8f, 0, 1 }, [3, 2]);
        using var y = tensor(new long[] { 0, 0, 0 });
        var expected = ((Lse(0.6, 0) - 0.3) + (Lse(0.6, 0.8) - 0.7) + (Lse(0, 0.8) - 0.4)) / 3;
        using var loss = FactorSupervisedContrastiveLoss.Compute(v, y, 1.0);
        Assert.Equal(expected, loss.item<float>(), 5);
    }

    [Theory]
    [InlineData(new long[] { -1, -1, -1 })]
    [InlineData(new long[] { 0, 1, 2 })]
    [InlineData(new long[] { 0, -1, -1 })]
    public void WithoutAnyPositiveTheLossIsAZeroThatStillBackpropagates(long[] labels)
    {
        using var v = randn(3, 4, requires_grad: true);
        using var y = tensor(labels);
        using var loss = new FactorSupervisedContrastiveLoss(0.1).forward(v, y);
        Assert.Equal(0f, loss.item<float>());
        loss.backward();
        Assert.Equal(0f, v.grad!.abs().sum().item<float>());
    }

    [Fact]
    public void GradientsReachLabelledInputsAndNeverTheUnlabelled()
    {
        using var v = randn(5, 8, requires_grad: true);
        using var y = tensor(new long[] { 0, 0, 1, 1, -1 });
        using var loss = new FactorSupervisedContrastiveLoss(0.1).forward(v, y);
        Assert.True(loss.item<float>() > 0);
        loss.backward();
        var g = v.grad!;
        Assert.False(g.isnan().any().item<bool>());
        for (var i = 0; i < 4; i++) Assert.True(g[i].abs().sum().item<float>() > 0, $"row {i} has no gradient");
        Assert.Equal(0f, g[4].abs().sum().item<float>());
    }

    [Fact]
    public void RejectsBadInput()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FactorSupervisedContrastiveLoss(0));
        using var v = randn(3, 4);
        using var y = tensor(new long[] { 0, 0 });
        Assert.Throws<ArgumentException>(() => FactorSupervisedContrastiveLoss.Compute(v, y, 0.1));
    }
}
