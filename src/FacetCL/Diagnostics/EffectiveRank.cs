using TorchSharp;
using static TorchSharp.torch;

namespace FacetCL.Diagnostics;

/// <param name="Value">exp of the entropy of the normalised singular values, between 1 and min(rows, dim)</param>
/// <param name="Rows">rows the singular values were computed from</param>
/// <param name="Sampled">whether those rows are a seeded sample of a larger set</param>
public sealed record EffectiveRankResult(double Value, int Rows, bool Sampled);

/// <summary>
/// Effective rank, RankMe (Garrido et al. 2023, "RankMe: Assessing the downstream performance of
/// pretrained self-supervised representations by their rank"): with σ_1 … σ_r the singular values of
/// the (uncentred) embedding matrix and p_k = σ_k / Σσ + ε (ε = 1e-7),
/// RankMe = exp(−Σ_k p_k log p_k). It equals k for k equal non-zero singular values and 1 for
/// collinear rows; higher means the space uses more directions. LibTorch computes the singular values
/// (torch.linalg.svdvals, float64) of at most <c>maxRows</c> rows, drawn without replacement by a
/// seeded shuffle when there are more.
/// </summary>
public static class EffectiveRank
{
    public const double Epsilon = 1e-7;

    public static EffectiveRankResult Of(EmbeddingMatrix x, int maxRows = 20_000, int seed = 0)
    {
        if (x.Rows == 0) throw new ArgumentException("no rows");
        var sampled = x.Rows > maxRows;
        var matrix = x;
        if (sampled)
        {
            var order = Enumerable.Range(0, x.Rows).ToArray();
            new Random(seed).Shuffle(order);
            matrix = x.Select(order.Take(maxRows).OrderBy(i => i).ToArray());
        }
        using var scope = NewDisposeScope();
        var sv = linalg.svdvals(tensor(matrix.Data, [matrix.Rows, matrix.Dim]).to(float64));
        return new EffectiveRankResult(FromSingularValues(sv.data<double>().ToArray()), matrix.Rows, sampled);
    }

    /// <summary>
    /// RankMe of all rows, without a sample and without holding more than one chunk: the singular
    /// values of X equal those of the triangular factor R of X = QR, and R is built chunk by chunk
    /// by a sequential tall-skinny QR (TSQR; Demmel et al. 2012, "Communication-optimal parallel and
    /// sequential QR and LU factorizations"): R ← R of qr([R; X_chunk]) in float64 (LibTorch geqrf),
    /// then torch.linalg.svdvals(R). Memory: (dim + chunkRows) × dim doubles (chunks are taken from
    /// the rows in place, <see cref="EmbeddingMatrix.AsTensor"/>). Orthogonal updates do
    /// not square the condition number (as XᵀX would): the singular values carry an absolute error
    /// of order ε·σ_max·√rows (ε = 2.2e-16), far below the ε = 1e-7 of RankMe's own formula.
    /// </summary>
    public static EffectiveRankResult Exact(EmbeddingMatrix x, int chunkRows = 4096)
    {
        if (x.Rows == 0) throw new ArgumentException("no rows");
        if (chunkRows < 1) throw new ArgumentException("chunkRows must be positive");
        using var scope = NewDisposeScope();
        var all = x.AsTensor();
        Tensor? r = null;
        for (var start = 0; start < x.Rows; start += chunkRows)
        {
            var rows = Math.Min(chunkRows, x.Rows - start);
            using var chunkScope = NewDisposeScope();
            var chunk = all.narrow(0, start, rows).to(float64);
            var stacked = r is null ? chunk : cat([r, chunk], 0);
            // R of the stack (LAPACK geqrf: R is the upper triangle of its first min(rows, dim) rows): at most dim × dim.
            var (packed, _) = stacked.geqrf();
            var next = packed.narrow(0, 0, Math.Min(packed.shape[0], x.Dim)).triu();
            r?.Dispose();
            r = next.MoveToOuterDisposeScope();
            chunkScope.Dispose();
            NativeHeap.TrimIfGrown();
        }
        var sv = linalg.svdvals(r!);
        return new EffectiveRankResult(FromSingularValues(sv.data<double>().ToArray()), x.Rows, false);
    }

    /// <summary>RankMe of given singular values.</summary>
    public static double FromSingularValues(IReadOnlyList<double> singularValues)
    {
        var total = singularValues.Sum();
        if (total <= 0) return double.NaN;
        double entropy = 0;
        foreach (var s in singularValues)
        {
            var p = s / total + Epsilon;
            entropy -= p * Math.Log(p);
        }
        return Math.Exp(entropy);
    }
}
