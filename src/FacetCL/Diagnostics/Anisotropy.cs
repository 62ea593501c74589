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
    public static Estimate Of(EmbeddingMatrix x, RandomPairs pairs) =>
        Estimate.MeanOver(pairs, (i, j) => VectorMath.Cosine(x.Row(i), x.Row(j)));
}
