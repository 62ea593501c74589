using static TorchSharp.torch;

namespace FacetCL.Diagnostics;

/// <summary>
/// Factor orthogonality index (DESIGN.md, "Diagnostics"): for factor vectors f_1 … f_F of the same
/// texts (all of one dimension), index = mean over factor pairs a &lt; b of the mean over texts i of
/// |cos(f_a(x_i), f_b(x_i))| (cos = 0 when either vector is zero). 0 when every text's factors are
/// mutually orthogonal, 1 when they are collinear; lower is better (the factors carry separate
/// information). Same measure as the absolute-cosine orthogonality penalty of disentangled
/// representation learning, read as a score. Computed <c>chunkRows</c> texts at a time with LibTorch
/// in float64 (per chunk: the F × F cosine matrix of each text by one batched product), so memory
/// does not grow with the number of texts beyond the factor vectors themselves.
/// </summary>
public static class FactorOrthogonality
{
    /// <param name="factors">one matrix per factor; row i of each belongs to text i</param>
    public static double Index(IReadOnlyList<EmbeddingMatrix> factors, int chunkRows = 16_384)
    {
        var m = PairMatrix(factors, chunkRows);
        double total = 0;
        var pairs = 0;
        for (var a = 0; a < factors.Count; a++)
            for (var b = a + 1; b < factors.Count; b++)
            {
                total += m[a, b];
                pairs++;
            }
        return total / pairs;
    }

    /// <summary>
    /// The report's heat map: <see cref="PairMatrix"/> as rows, with 1 on the diagonal (a factor is
    /// collinear with itself); the index is the mean of the entries above the diagonal.
    /// </summary>
    public static double[][] Matrix(IReadOnlyList<EmbeddingMatrix> factors, int chunkRows = 16_384)
    {
        var m = PairMatrix(factors, chunkRows);
        var f = factors.Count;
        return Enumerable.Range(0, f).Select(a => Enumerable.Range(0, f).Select(b => a == b ? 1.0 : m[a, b]).ToArray()).ToArray();
    }

    /// <summary>
    /// The F × F matrix of mean_i |cos(f_a(x_i), f_b(x_i))| (symmetric; the diagonal is the share of
    /// texts whose factor vector is not zero): the heat map behind the index.
    /// </summary>
    public static double[,] PairMatrix(IReadOnlyList<EmbeddingMatrix> factors, int chunkRows = 16_384)
    {
        if (factors.Count < 2) throw new ArgumentException("need at least two factors");
        if (chunkRows < 1) throw new ArgumentException("chunkRows must be positive");
        var rows = factors[0].Rows;
        var dim = factors[0].Dim;
        if (rows == 0) throw new ArgumentException("no texts");
        if (factors.Any(f => f.Rows != rows || f.Dim != dim))
            throw new ArgumentException("every factor needs the same number of rows and dimensions");
        var f = factors.Count;
        var sums = new double[f * f];
        using var outer = NewDisposeScope();
        var views = factors.Select(m => m.AsTensor()).ToList();
        for (var start = 0; start < rows; start += chunkRows)
        {
            using var scope = NewDisposeScope();
            var n = Math.Min(chunkRows, rows - start);
            // Layout [text, factor, dim]: one (F × dim) matrix per text.
            var v = stack(views.Select(t => t.narrow(0, start, n)).ToList(), 1).to(float64);
            var norms = v.pow(2).sum(-1, keepdim: true).sqrt_();
            // A zero vector has cosine 0 with everything (as VectorMath.Cosine).
            var unit = v.mul(where(norms.lt(1e-12), zeros_like(norms), norms.reciprocal()));
            var chunkSums = unit.bmm(unit.transpose(1, 2)).abs_().sum(dim: 0).contiguous().data<double>().ToArray();
            for (var k = 0; k < sums.Length; k++) sums[k] += chunkSums[k];
            scope.Dispose();
            NativeHeap.TrimIfGrown();
        }
        var result = new double[f, f];
        for (var a = 0; a < f; a++)
            for (var b = 0; b < f; b++) result[a, b] = (sums[a * f + b] + sums[b * f + a]) / (2.0 * rows); // exactly symmetric (the product's rounding is not)
        return result;
    }
}
