using MathNet.Numerics.Statistics;

namespace FacetCL.Diagnostics;

/// <summary>STS-style evaluation: cosine similarity of each pair against gold scores.</summary>
public static class SimilarityEvaluation
{
    /// <summary>Spearman and Pearson correlation ×100 between pair cosines and gold scores.</summary>
    public static SimilarityScore Score(IReadOnlyList<float[]> left, IReadOnlyList<float[]> right, IReadOnlyList<double> gold)
    {
        if (left.Count != right.Count || left.Count != gold.Count) throw new ArgumentException("left, right and gold must have the same length");
        if (left.Count < 2) throw new ArgumentException("need at least two pairs to correlate");
        var cosines = new double[left.Count];
        for (var i = 0; i < left.Count; i++) cosines[i] = Cosine(left[i], right[i]);
        return new SimilarityScore(
            Spearman: 100 * Correlation.Spearman(cosines, gold),
            Pearson: 100 * Correlation.Pearson(cosines, gold),
            N: left.Count);
    }

    public static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }
        return dot / Math.Max(Math.Sqrt(na) * Math.Sqrt(nb), 1e-12);
    }
}

public sealed record SimilarityScore(double Spearman, double Pearson, int N);
