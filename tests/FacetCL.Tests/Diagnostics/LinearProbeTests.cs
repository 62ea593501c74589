using FacetCL.Diagnostics;

namespace FacetCL.Tests.Diagnostics;

public class LinearProbeTests
{
    /// <summary>n rows per class around ±(1, 1, …) on the first <paramref name="informative"/> dimensions, noise elsewhere.</summary>
    static (EmbeddingMatrix X, int[] Y) TwoClasses(int n, int dim, int informative, double noise, int seed)
    {
        var random = new Random(seed);
        var data = new float[2 * n * dim];
        var y = new int[2 * n];
        for (var i = 0; i < 2 * n; i++)
        {
            y[i] = i % 2;
            for (var j = 0; j < dim; j++)
            {
                var centre = j < informative ? (y[i] == 1 ? 1.0 : -1.0) : 0.0;
                data[i * dim + j] = (float)(centre + noise * Gaussian(random));
            }
        }
        return (new EmbeddingMatrix(data, 2 * n, dim), y);
    }

    static double Gaussian(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    [Fact]
    public void SeparableClassesAreReadPerfectly()
    {
        var (x, y) = TwoClasses(100, 8, 2, 0.2, seed: 1);
        var probe = LinearProbe.Fit(x, y);
        Assert.Equal(1.0, probe.TrainAccuracy);
        var (tx, ty) = TwoClasses(100, 8, 2, 0.2, seed: 2);
        Assert.Equal(1.0, probe.Accuracy(tx, ty));
    }

    [Fact]
    public void PureNoiseProbesAtChanceOnFreshData()
    {
        var (x, y) = TwoClasses(300, 16, 0, 1.0, seed: 3);
        var probe = LinearProbe.Fit(x, y);
        var (tx, ty) = TwoClasses(1000, 16, 0, 1.0, seed: 4);
        // Chance is 0.5; 2000 test rows give a standard error of about 0.011.
        Assert.InRange(probe.Accuracy(tx, ty), 0.45, 0.55);
    }

    [Fact]
    public void OverlappingClassesReachTheBayesRate()
    {
        // One informative dimension, centres ±1, noise σ = 1: the best linear rule (sign) is right with
        // probability Φ(1) = 0.8413.
        var (x, y) = TwoClasses(2000, 4, 1, 1.0, seed: 5);
        var probe = LinearProbe.Fit(x, y);
        var (tx, ty) = TwoClasses(5000, 4, 1, 1.0, seed: 6);
        Assert.InRange(probe.Accuracy(tx, ty), 0.8413 - 0.015, 0.8413 + 0.01);
    }

    [Fact]
    public void ThreeClassesAndDeterminism()
    {
        var data = new List<float>();
        var y = new List<int>();
        var random = new Random(7);
        for (var i = 0; i < 300; i++)
        {
            var k = i % 3;
            var angle = 2 * Math.PI * k / 3;
            data.Add((float)(Math.Cos(angle) + 0.1 * Gaussian(random)));
            data.Add((float)(Math.Sin(angle) + 0.1 * Gaussian(random)));
            y.Add(k);
        }
        var x = new EmbeddingMatrix(data.ToArray(), 300, 2);
        var a = LinearProbe.Fit(x, y);
        var b = LinearProbe.Fit(x, y);
        Assert.Equal(3, a.Classes);
        Assert.Equal(1.0, a.TrainAccuracy);
        Assert.Equal(a.Predict(x), b.Predict(x));
    }

    [Fact]
    public void BadInputIsRefused()
    {
        var x = new EmbeddingMatrix(new float[] { 1, 2, 3, 4 }, 2, 2);
        Assert.Throws<ArgumentException>(() => LinearProbe.Fit(x, [0]));
        Assert.Throws<ArgumentException>(() => LinearProbe.Fit(x, [1, 1]));
        var probe = LinearProbe.Fit(x, [0, 1]);
        Assert.Throws<ArgumentException>(() => probe.Accuracy(new EmbeddingMatrix(new float[3], 1, 3), [0]));
    }
}
