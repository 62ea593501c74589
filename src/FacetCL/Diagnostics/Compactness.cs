namespace FacetCL.Diagnostics;

/// <summary>Intra-anchor compactness: how tightly the texts of one anchor sit together (lower is better).</summary>
/// <param name="CosineDistance">mean over anchors of the mean cosine distance 1 − cos(x̂_i, c_a) of members to their centroid</param>
/// <param name="MeanStd">DESIGN.md's form: mean over anchors of the mean per-dimension (population) standard deviation of the normalised members</param>
/// <param name="Anchors">anchors with at least two members that entered the means</param>
/// <param name="Members">texts in those anchors</param>
public sealed record CompactnessResult(double CosineDistance, double MeanStd, int Anchors, int Members);

/// <summary>Compactness of one anchor (see <see cref="Compactness"/>).</summary>
/// <param name="AnchorId">the anchor's id</param>
/// <param name="Members">its texts</param>
/// <param name="CosineDistance">mean cosine distance 1 − cos(x̂_i, c_a) of its members to their centroid</param>
/// <param name="MeanStd">mean per-dimension (population) standard deviation of its normalised members</param>
public sealed record AnchorCompactness(long AnchorId, int Members, double CosineDistance, double MeanStd);

/// <summary>
/// Intra-anchor compactness over anchors with ≥ 2 members (a singleton is trivially compact):
/// for anchor a with centroid c_a = mean of its L2-normalised members x̂_i,
/// compactness = mean_a [ (1/|a|) Σ_{i∈a} (1 − cos(x̂_i, c_a)) ]; and, as DESIGN.md defines it,
/// mean_a [ (1/d) Σ_k std_{i∈a}(x̂_ik) ]. Both are 0 when every member coincides.
/// Reference: the within-class scatter of Fisher's discriminant; here the classes are anchors.
/// </summary>
public static class Compactness
{
    public static CompactnessResult Of(EmbeddingMatrix embeddings, IReadOnlyList<long> anchorIds)
    {
        var x = embeddings.Normalized();
        return Of(x, AnchorGroups.Of(x, anchorIds, minMembers: 2));
    }

    /// <summary>
    /// Compactness of groups already formed over L2-normalised rows (no copy of the rows: memory is
    /// O(dim) beyond the groups and one record per anchor, one pass over the members).
    /// </summary>
    /// <param name="normalized">L2-normalised rows, the ones <paramref name="groups"/> was built from</param>
    /// <param name="groups">anchors with at least two members</param>
    public static CompactnessResult Of(EmbeddingMatrix normalized, AnchorGroups groups) => Summarize(PerAnchor(normalized, groups));

    /// <summary>The means over anchors of per-anchor compactness values.</summary>
    public static CompactnessResult Summarize(IReadOnlyList<AnchorCompactness> perAnchor)
    {
        if (perAnchor.Count == 0) return new CompactnessResult(double.NaN, double.NaN, 0, 0);
        return new CompactnessResult(perAnchor.Average(a => a.CosineDistance), perAnchor.Average(a => a.MeanStd), perAnchor.Count, perAnchor.Sum(a => a.Members));
    }

    /// <summary>The compactness of every anchor with ≥ 2 members, in order of first appearance (the report's histogram).</summary>
    public static IReadOnlyList<AnchorCompactness> PerAnchor(EmbeddingMatrix embeddings, IReadOnlyList<long> anchorIds)
    {
        var x = embeddings.Normalized();
        return PerAnchor(x, AnchorGroups.Of(x, anchorIds, minMembers: 2));
    }

    /// <summary>Per-anchor compactness of groups already formed over L2-normalised rows.</summary>
    public static IReadOnlyList<AnchorCompactness> PerAnchor(EmbeddingMatrix normalized, AnchorGroups groups)
    {
        var x = normalized;
        if (groups.Members.Any(m => m.Length < 2)) throw new ArgumentException("compactness needs groups of at least two members (AnchorGroups.Of with minMembers: 2)");
        var result = new List<AnchorCompactness>(groups.Count);
        var d = x.Dim;
        var sq = new double[d];
        for (var a = 0; a < groups.Count; a++)
        {
            var centroid = groups.Centroids.Row(a);
            var rows = groups.Members[a];
            double dist = 0;
            Array.Clear(sq);
            foreach (var i in rows)
            {
                var row = x.Row(i);
                dist += 1 - VectorMath.Cosine(row, centroid);
                for (var k = 0; k < d; k++)
                {
                    var dev = (double)row[k] - centroid[k];
                    sq[k] += dev * dev;
                }
            }
            double std = 0;
            for (var k = 0; k < d; k++) std += Math.Sqrt(sq[k] / rows.Length);
            result.Add(new AnchorCompactness(groups.Ids[a], rows.Length, dist / rows.Length, std / d));
        }
        return result;
    }
}
