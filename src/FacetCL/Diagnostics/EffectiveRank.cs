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
