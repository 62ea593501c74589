using static TorchSharp.torch;

namespace FacetCL.Diagnostics;

/// <summary>Inter-anchor separation (higher is better).</summary>
/// <param name="Min">the smallest Euclidean distance between two anchor centroids</param>
/// <param name="P5">the 5th percentile (nearest rank) of all pairwise centroid distances</param>
/// <param name="Mean">the mean pairwise centroid distance</param>
/// <param name="Anchors">centroids compared</param>
/// <param name="Pairs">centroid pairs, K(K−1)/2</param>
public sealed record SeparationResult(double Min, double P5, double Mean, int Anchors, long Pairs);

/// <summary>
/// Inter-anchor separation: Euclidean distances ‖c_a − c_b‖ between the centroids of anchors with
/// at least <c>minMembers</c> members (see <see cref="AnchorGroups"/>), summarised by their minimum,
/// 5th percentile (nearest rank: the ⌈0.05·M⌉-th smallest of the M pairs) and mean. The distance
/// matrix is never held whole: rows of centroids are taken <c>chunkRows</c> at a time, their
/// distances to the later centroids computed in float64 with LibTorch
/// (‖a‖² + ‖b‖² − 2a·b, clamped at 0), and only the ⌈0.05·M⌉ smallest values are kept.
/// Reference: the between-class separation of Fisher's discriminant, on anchor centroids.
/// </summary>
public static class Separation
{
    public const double Percentile = 0.05;

    public static SeparationResult Of(EmbeddingMatrix embeddings, IReadOnlyList<long> anchorIds, int minMembers = 2, int chunkRows = 512)
    {
        var groups = AnchorGroups.Of(embeddings.Normalized(), anchorIds, minMembers);
        return OfCentroids(groups.Centroids, chunkRows);
    }

    /// <summary>The separation of given centroids (rows of <paramref name="centroids"/>).</summary>
    public static SeparationResult OfCentroids(EmbeddingMatrix centroids, int chunkRows = 512)
    {
        if (chunkRows < 1) throw new ArgumentException("chunkRows must be positive");
        var n = centroids.Rows;
        long pairs = (long)n * (n - 1) / 2;
        if (pairs == 0) return new SeparationResult(double.NaN, double.NaN, double.NaN, n, 0);
        var keep = (int)Math.Min(int.MaxValue / 2, (long)Math.Ceiling(Percentile * pairs));
        var smallest = new List<double>(2 * keep + 1);
        double min = double.PositiveInfinity, sum = 0;
        using var scope = NewDisposeScope();
        var all = tensor(centroids.Data, [n, centroids.Dim]).to(float64);
        var sqNorms = all.pow(2).sum(1);
        for (var start = 0; start < n - 1; start += chunkRows)
        {
            using var chunkScope = NewDisposeScope();
            var rows = Math.Min(chunkRows, n - 1 - start);
            // Row i of the chunk is compared with centroids i+1 … n−1 only (each pair once).
            var block = all.narrow(0, start, rows);
            var rest = all.narrow(0, start + 1, n - start - 1);
            var d2 = sqNorms.narrow(0, start, rows).unsqueeze(1) + sqNorms.narrow(0, start + 1, n - start - 1).unsqueeze(0) - 2 * block.matmul(rest.t());
            var dist = d2.clamp_min(0).sqrt().cpu().data<double>().ToArray();
            var width = n - start - 1;
            for (var r = 0; r < rows; r++)
            {
                // Pairs (start + r, j) with j > start + r sit at columns j − start − 1 ≥ r.
                for (var c = r; c < width; c++)
                {
                    var v = dist[r * width + c];
                    sum += v;
                    if (v < min) min = v;
                    smallest.Add(v);
                }
                if (smallest.Count > 2 * keep) Trim(smallest, keep);
            }
        }
        Trim(smallest, keep);
        return new SeparationResult(min, smallest[keep - 1], sum / pairs, n, pairs);
    }

    static void Trim(List<double> values, int keep)
    {
        values.Sort();
        if (values.Count > keep) values.RemoveRange(keep, values.Count - keep);
    }
}
