using static TorchSharp.torch;

namespace FacetCL.Diagnostics;

/// <param name="Scores">[rows][components]: each row's coordinates on the principal axes</param>
/// <param name="ExplainedVariance">per component, its share s_j² / Σ_k s_k² of the total variance</param>
public sealed record PcaResult(double[][] Scores, double[] ExplainedVariance);

/// <summary>
/// Principal component analysis by the SVD of the centred matrix (LibTorch, float64, exact):
/// X_c = X − mean = U S Vᵀ, scores = X_c V_k = U_k S_k, explained variance share of component j =
/// s_j² / Σ s². Each axis's sign is fixed so that its largest-magnitude loading is positive
/// (scikit-learn's <c>svd_flip</c> convention), so the same data always gives the same picture.
/// Components beyond the rank (fewer rows or dimensions than asked) are zero.
/// Reference: Jolliffe, <i>Principal Component Analysis</i> (2002), ch. 3.5 (PCA via the SVD).
/// </summary>
public static class Pca
{
    public static PcaResult Of(EmbeddingMatrix x, int components)
    {
        if (components < 1) throw new ArgumentException("components must be positive");
        if (x.Rows == 0) throw new ArgumentException("no rows");
        var scores = new double[x.Rows][];
        for (var i = 0; i < x.Rows; i++) scores[i] = new double[components];
        var explained = new double[components];
        using var scope = NewDisposeScope();
        var m = tensor(x.Data, [x.Rows, x.Dim]).to(float64);
        var centred = m - m.mean([0], keepdim: true);
        var (u, s, vh) = linalg.svd(centred, fullMatrices: false);
        var k = (int)Math.Min(components, s.shape[0]);
        var sv = s.data<double>().ToArray();
        var total = sv.Sum(v => v * v);
        if (total <= 0) return new PcaResult(scores, explained); // every row the same: no direction
        var loadings = vh.data<double>().ToArray(); // row j = axis j (length dim)
        var us = (u[.., ..k] * s[..k]).contiguous().data<double>().ToArray(); // [rows, k] row-major
        for (var j = 0; j < k; j++)
        {
            var axis = loadings.AsSpan(j * x.Dim, x.Dim);
            var largest = 0;
            for (var d = 1; d < axis.Length; d++)
                if (Math.Abs(axis[d]) > Math.Abs(axis[largest])) largest = d;
            var sign = axis[largest] < 0 ? -1.0 : 1.0;
            for (var i = 0; i < x.Rows; i++) scores[i][j] = sign * us[i * k + j];
            explained[j] = sv[j] * sv[j] / total;
        }
        return new PcaResult(scores, explained);
    }
}
