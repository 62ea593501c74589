namespace FacetCL.Diagnostics;

/// <summary>
/// Alignment and uniformity of L2-normalised embeddings (Wang &amp; Isola 2020, "Understanding
/// Contrastive Representation Learning through Alignment and Uniformity on the Hypersphere"),
/// with their defaults α = 2, t = 2. Rows are normalised here, whatever the model does.
/// </summary>
public static class AlignmentUniformity
{
    /// <summary>
    /// Alignment = E_{(x,y) positive} ‖f(x) − f(y)‖² (lower is better; 0 when every positive pair
    /// coincides, 4 when they are antipodal).
    /// </summary>
    public static double Alignment(EmbeddingMatrix normalized, IReadOnlyList<(int A, int B)> positives)
    {
        if (positives.Count == 0) throw new ArgumentException("no positive pairs");
        double sum = 0;
        foreach (var (a, b) in positives) sum += VectorMath.SquaredDistance(normalized.Row(a), normalized.Row(b));
        return sum / positives.Count;
    }

    /// <summary>
    /// Alignment over given positive pairs (e.g. <see cref="RandomPairs.DrawWithinGroups"/>: texts of
    /// one anchor), with the standard error s/√m of a sample (0 when every positive pair is used).
    /// </summary>
    public static Estimate Alignment(EmbeddingMatrix normalized, RandomPairs positives)
    {
        if (positives.Count == 0) throw new ArgumentException("no positive pairs");
        return Estimate.MeanOver(positives, (i, j) => VectorMath.SquaredDistance(normalized.Row(i), normalized.Row(j)));
    }

    /// <summary>
    /// Uniformity = log E_{x≠y} exp(−t‖f(x) − f(y)‖²), t = 2, over <paramref name="pairs"/> (lower is
    /// better: about −4 for points spread evenly over a high-dimensional sphere, 0 when all coincide). The standard error is the
    /// delta-method one, s_e / (√m · ē), where e = exp(−t‖·‖²) per pair; 0 when exhaustive.
    /// </summary>
    public static Estimate Uniformity(EmbeddingMatrix normalized, RandomPairs pairs, double t = 2)
    {
        var m = pairs.Count;
        double sum = 0, sumSq = 0;
        for (var k = 0; k < m; k++)
        {
            var e = Math.Exp(-t * VectorMath.SquaredDistance(normalized.Row(pairs.First[k]), normalized.Row(pairs.Second[k])));
            sum += e;
            sumSq += e * e;
        }
        var mean = sum / m;
        var sd = m < 2 ? 0 : Math.Sqrt(Math.Max(0, (sumSq - m * mean * mean) / (m - 1)));
        var se = pairs.Exhaustive ? 0 : sd / (Math.Sqrt(m) * mean);
        return new Estimate(Math.Log(mean), se, m, pairs.Exhaustive);
    }
}
