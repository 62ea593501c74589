namespace FacetCL.Diagnostics;

/// <summary>
/// Rows grouped by anchor id (−1 = no anchor, ignored): the member rows of every anchor with at
/// least <c>minMembers</c> members, in order of first appearance, and their centroids
/// c_a = (1/|a|) Σ_{i∈a} x̂_i over L2-normalised rows x̂ (the centroid itself is not renormalised).
/// </summary>
public sealed class AnchorGroups
{
    AnchorGroups(IReadOnlyList<long> ids, IReadOnlyList<int[]> members, EmbeddingMatrix centroids)
    {
        Ids = ids;
        Members = members;
        Centroids = centroids;
    }

    public IReadOnlyList<long> Ids { get; }
    public IReadOnlyList<int[]> Members { get; }
    public EmbeddingMatrix Centroids { get; }
    public int Count => Ids.Count;

    /// <param name="normalized">L2-normalised rows (see <see cref="EmbeddingMatrix.Normalized"/>)</param>
    public static AnchorGroups Of(EmbeddingMatrix normalized, IReadOnlyList<long> anchorIds, int minMembers = 2)
    {
        if (anchorIds.Count != normalized.Rows) throw new ArgumentException($"{anchorIds.Count} anchor ids for {normalized.Rows} rows");
        var byId = new Dictionary<long, List<int>>();
        var order = new List<long>();
        for (var i = 0; i < anchorIds.Count; i++)
        {
            var id = anchorIds[i];
            if (id < 0) continue;
            if (!byId.TryGetValue(id, out var list))
            {
                byId[id] = list = [];
                order.Add(id);
            }
            list.Add(i);
        }
        var kept = order.Where(id => byId[id].Count >= minMembers).ToList();
        var d = normalized.Dim;
        var centroids = new float[kept.Count * d];
        var acc = new double[d];
        for (var a = 0; a < kept.Count; a++)
        {
            Array.Clear(acc);
            var members = byId[kept[a]];
            foreach (var i in members)
            {
                var row = normalized.Row(i);
                for (var k = 0; k < d; k++) acc[k] += row[k];
            }
            for (var k = 0; k < d; k++) centroids[a * d + k] = (float)(acc[k] / members.Count);
        }
        return new AnchorGroups(kept, kept.Select(id => byId[id].ToArray()).ToList(), new EmbeddingMatrix(centroids, kept.Count, d));
    }
}
