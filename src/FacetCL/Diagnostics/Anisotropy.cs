namespace FacetCL.Diagnostics;

/// <summary>
/// Anisotropy: the mean cosine similarity between random distinct pairs of embeddings,
/// E_{i≠j} cos(x_i, x_j) (Ethayarajh 2019, "How contextual are contextualized word
/// representations?"). 0 for an isotropic space; near 1 when every vector points the same way
/// (a narrow cone). Lower is better.
/// </summary>
public static class Anisotropy
{
    /// <summary>Mean cosine over <paramref name="pairs"/>; the standard error is s/√m (0 when exhaustive).</summary>
    public static Estimate Of(EmbeddingMatrix x, RandomPairs pairs)
    {
        var m = pairs.Count;
        double sum = 0, sumSq = 0;
        for (var k = 0; k < m; k++)
        {
            var c = VectorMath.Cosine(x.Row(pairs.First[k]), x.Row(pairs.Second[k]));
            sum += c;
            sumSq += c * c;
        }
        var mean = sum / m;
        var se = pairs.Exhaustive || m < 2 ? 0 : Math.Sqrt(Math.Max(0, (sumSq - m * mean * mean) / (m - 1)) / m);
        return new Estimate(mean, se, m, pairs.Exhaustive);
    }
}
