namespace FacetCL.Diagnostics;

/// <summary>
/// Factor orthogonality index (DESIGN.md, "Diagnostics"): for factor vectors f_1 … f_F of the same
/// texts (all of one dimension), index = mean over factor pairs a &lt; b of the mean over texts i of
/// |cos(f_a(x_i), f_b(x_i))|. 0 when every text's factors are mutually orthogonal, 1 when they are
/// collinear; lower is better (the factors carry separate information). Same measure as the
/// absolute-cosine orthogonality penalty of disentangled representation learning, read as a score.
/// </summary>
public static class FactorOrthogonality
{
    /// <param name="factors">one matrix per factor; row i of each belongs to text i</param>
    public static double Index(IReadOnlyList<EmbeddingMatrix> factors)
    {
        if (factors.Count < 2) throw new ArgumentException("need at least two factors");
        var m = Matrix(factors);
        double total = 0;
        var pairs = 0;
        for (var a = 0; a < factors.Count; a++)
            for (var b = a + 1; b < factors.Count; b++)
            {
                total += m[a][b];
                pairs++;
            }
        return total / pairs;
    }

    /// <summary>
    /// The F × F matrix behind <see cref="Index"/>: entry (a, b) = mean over texts i of
    /// |cos(f_a(x_i), f_b(x_i))|; symmetric, 1 on the diagonal (a factor is collinear with itself);
    /// the index is the mean of the entries above the diagonal. The report draws it as a heat map.
    /// </summary>
    public static double[][] Matrix(IReadOnlyList<EmbeddingMatrix> factors)
    {
        if (factors.Count == 0) throw new ArgumentException("no factors");
        var rows = factors[0].Rows;
        var dim = factors[0].Dim;
        if (rows == 0) throw new ArgumentException("no texts");
        if (factors.Any(f => f.Rows != rows || f.Dim != dim))
            throw new ArgumentException("every factor needs the same number of rows and dimensions");
        var m = new double[factors.Count][];
        for (var a = 0; a < factors.Count; a++) m[a] = new double[factors.Count];
        for (var a = 0; a < factors.Count; a++)
        {
            m[a][a] = 1;
            for (var b = a + 1; b < factors.Count; b++)
            {
                double sum = 0;
                for (var i = 0; i < rows; i++) sum += Math.Abs(VectorMath.Cosine(factors[a].Row(i), factors[b].Row(i)));
                m[a][b] = m[b][a] = sum / rows;
            }
        }
        return m;
    }
}
