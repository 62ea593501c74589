using static TorchSharp.torch;

namespace FacetCL.Diagnostics;

/// <summary>Inter-anchor separation (higher is better).</summary>
/// <param name="Min">the smallest Euclidean distance between two anchor centroids</param>
/// <param name="P5">the 5th percentile (nearest rank) of all pairwise centroid distances</param>
/// <param name="Mean">the mean pairwise centroid distance</param>
/// <param name="Anchors">centroids compared</param>
/// <param name="Pairs">centroid pairs, K(K−1)/2</param>
public sealed record SeparationResult(double Min, double P5, double Mean, int Anchors, long Pairs)
{
    /// <summary>Passes over the pairwise distances the exact 5th percentile took (1 when all fit in memory).</summary>
    public int Passes { get; init; }
}

/// <summary>
/// Inter-anchor separation: Euclidean distances ‖c_a − c_b‖ between the centroids of anchors with
/// at least <c>minMembers</c> members (see <see cref="AnchorGroups"/>), summarised by their minimum,
/// 5th percentile (nearest rank: the ⌈0.05·M⌉-th smallest of the M pairs) and mean.
/// The distance matrix is never held whole: centroids are taken <c>chunkRows</c> at a time and their
/// distances to the later centroids computed in float64 with LibTorch (‖a‖² + ‖b‖² − 2a·b on
/// centroids centred at their mean, clamped at 0; memory ≈ chunkRows × K doubles per temporary).
/// The 5th percentile is exact without storing the M distances: <see cref="StreamingKthSmallest"/>
/// recomputes them in passes (usually two: one counting pass, one that keeps the few values of the
/// bucket holding the rank). Precision: the float64 Gram form puts an absolute rounding error of at
/// most about dim·ε·(‖a‖² + ‖b‖²) on d² (ε = 2.2e-16; ≤ 2e-13 for 384-d centroids of norm ≤ 1), so a
/// distance d is off by at most that / 2d: below 1e-12 for d ≥ 0.1, below 5e-7 as d → 0. Min,
/// 5th percentile and mean are then exact over those computed distances (no binning error).
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
    /// <param name="histogramBins">buckets of a counting pass of the percentile search</param>
    /// <param name="maxKept">most distances held at once by the percentile search</param>
    public static SeparationResult OfCentroids(EmbeddingMatrix centroids, int chunkRows = 512, int histogramBins = 1 << 16, int maxKept = 1 << 22)
    {
        if (chunkRows < 1) throw new ArgumentException("chunkRows must be positive");
        var n = centroids.Rows;
        long pairs = (long)n * (n - 1) / 2;
        if (pairs == 0) return new SeparationResult(double.NaN, double.NaN, double.NaN, n, 0);
        var rank = (long)Math.Ceiling(Percentile * pairs);

        using var scope = NewDisposeScope();
        var all = tensor(centroids.Data, [n, centroids.Dim]).to(float64);
        // Distances do not change under a shift; centring makes the norms, and so the rounding of the Gram form, small.
        all.sub_(all.mean([0], keepdim: true));
        var sqNorms = all.pow(2).sum(1);
        // ‖a − b‖ ≤ ‖a‖ + ‖b‖; the margin covers the rounding of the computed distances.
        var radius = sqNorms.max().sqrt().item<double>();
        var upper = 2 * radius * (1 + 1e-6) + 1e-6;

        var search = new StreamingKthSmallest(rank, pairs, 0, upper, histogramBins, maxKept);
        double sum = 0;
        ForEachChunk(all, sqNorms, chunkRows, d =>
        {
            sum += d.sum().item<double>();
            search.Add(d);
        });
        search.EndPass();
        var min = search.FirstPassMin;
        while (!search.Done)
        {
            ForEachChunk(all, sqNorms, chunkRows, search.Add);
            search.EndPass();
        }
        return new SeparationResult(min, search.Value, sum / pairs, n, pairs) { Passes = search.Passes };
    }

    /// <summary>
    /// Presents every distance ‖c_i − c_j‖, i &lt; j, once, in chunks: for rows [s, s + r) the strict
    /// upper triangle of their own block, then the whole block against rows s + r … n − 1.
    /// </summary>
    static void ForEachChunk(Tensor all, Tensor sqNorms, int chunkRows, Action<Tensor> visit)
    {
        var n = (int)all.shape[0];
        for (var start = 0; start < n - 1; start += chunkRows)
        {
            using var scope = NewDisposeScope();
            var rows = Math.Min(chunkRows, n - start);
            var block = all.narrow(0, start, rows);
            var blockSq = sqNorms.narrow(0, start, rows);
            if (rows > 1)
            {
                var inner = Distances(block, blockSq, block, blockSq);
                visit(inner.masked_select(ones(rows, rows, ScalarType.Bool).triu_(1)));
            }
            var restRows = n - start - rows;
            if (restRows > 0)
                visit(Distances(block, blockSq, all.narrow(0, start + rows, restRows), sqNorms.narrow(0, start + rows, restRows)));
            scope.Dispose();
            NativeHeap.TrimIfGrown();
        }
    }

    /// <summary>‖a_i − b_j‖ for every row pair, by ‖a‖² + ‖b‖² − 2a·b (in place on the product).</summary>
    static Tensor Distances(Tensor a, Tensor aSq, Tensor b, Tensor bSq) =>
        a.matmul(b.t()).mul_(-2).add_(aSq.unsqueeze(1)).add_(bSq.unsqueeze(0)).clamp_min_(0).sqrt_();
}
