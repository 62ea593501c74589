namespace FacetCL.Diagnostics;

/// <param name="Change">mean relative change of the pair distances</param>
/// <param name="Pairs">pairs that entered the mean</param>
/// <param name="Skipped">pairs left out because their clean distance was below <see cref="Robustness.MinDistance"/> (no relative change is defined)</param>
public sealed record RobustnessChange(double Change, int Pairs, int Skipped);

/// <summary>
/// Robustness to input noise (DESIGN.md, "Diagnostics"): for pairs (x, y) and their noisy versions
/// (x̃, ỹ), change = mean |d(x̃, ỹ) − d(x, y)| / d(x, y), with d the Euclidean distance between
/// L2-normalised embeddings (lower is better: the geometry of the pairs survives the noise). The
/// robustness gain ratio of a model is a reference model's change divided by its own on the same
/// noisy texts: gain &gt; 1 means more robust than the reference. Cf. the noise-robustness
/// evaluations of Wei &amp; Zou 2019 (EDA) and Ribeiro et al. 2020 (CheckList, invariance tests).
/// </summary>
public static class Robustness
{
    /// <summary>Pairs whose clean distance is below this are skipped (identical sentences).</summary>
    public const double MinDistance = 1e-4;

    /// <param name="clean">clean embeddings; <paramref name="pairs"/> index its rows</param>
    /// <param name="noisy">row r is the noisy version of clean row r (same shape)</param>
    public static RobustnessChange Change(EmbeddingMatrix clean, EmbeddingMatrix noisy, IReadOnlyList<(int A, int B)> pairs)
    {
        if (clean.Rows != noisy.Rows || clean.Dim != noisy.Dim) throw new ArgumentException("clean and noisy embeddings must have the same shape");
        var x = clean.Normalized();
        var xn = noisy.Normalized();
        double sum = 0;
        int used = 0, skipped = 0;
        foreach (var (a, b) in pairs)
        {
            var d = Math.Sqrt(VectorMath.SquaredDistance(x.Row(a), x.Row(b)));
            if (d < MinDistance)
            {
                skipped++;
                continue;
            }
            var dn = Math.Sqrt(VectorMath.SquaredDistance(xn.Row(a), xn.Row(b)));
            sum += Math.Abs(dn - d) / d;
            used++;
        }
        return new RobustnessChange(used == 0 ? double.NaN : sum / used, used, skipped);
    }

    /// <summary>Gain ratio = reference change / this model's change (NaN when this model's change is 0).</summary>
    public static double Gain(double referenceChange, double modelChange) =>
        modelChange > 0 ? referenceChange / modelChange : double.NaN;
}
