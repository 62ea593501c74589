using static TorchSharp.torch;

namespace FacetCL.Diagnostics;

/// <summary>
/// Embeddings as one row-major <c>float[Rows × Dim]</c> array: the input of the task-free quality
/// metrics. Row <c>i</c> is <c>Data[i·Dim … (i+1)·Dim)</c>.
/// </summary>
public sealed class EmbeddingMatrix
{
    public EmbeddingMatrix(float[] data, int rows, int dim)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (rows < 0 || dim <= 0 || (long)rows * dim != data.Length)
            throw new ArgumentException($"data holds {data.Length} floats, not {rows} rows × {dim}");
        Data = data;
        Rows = rows;
        Dim = dim;
    }

    public float[] Data { get; }
    public int Rows { get; }
    public int Dim { get; }

    public ReadOnlySpan<float> Row(int i) => Data.AsSpan(i * Dim, Dim);

    /// <summary>
    /// A float32 tensor [Rows, Dim] over <see cref="Data"/> itself (LibTorch's from_array: the array
    /// is pinned and shared, not copied), so that chunks can be taken with <c>narrow</c> without a
    /// copy of the whole matrix. Writes through the tensor change the matrix.
    /// </summary>
    public Tensor AsTensor() => from_array(Data).view(Rows, Dim);

    /// <summary>Stacks equal-length rows (e.g. <see cref="Model.SentenceModel.Encode"/>'s output).</summary>
    public static EmbeddingMatrix FromRows(IReadOnlyList<float[]> rows)
    {
        if (rows.Count == 0) throw new ArgumentException("no embeddings");
        var dim = rows[0].Length;
        var data = new float[rows.Count * dim];
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != dim) throw new ArgumentException($"row {i} has {rows[i].Length} dimensions, row 0 has {dim}");
            rows[i].CopyTo(data, i * dim);
        }
        return new EmbeddingMatrix(data, rows.Count, dim);
    }

    /// <summary>A copy with every row scaled to unit L2 norm (zero rows stay zero).</summary>
    public EmbeddingMatrix Normalized()
    {
        var data = (float[])Data.Clone();
        for (var i = 0; i < Rows; i++)
        {
            var row = data.AsSpan(i * Dim, Dim);
            double sq = 0;
            foreach (var v in row) sq += (double)v * v;
            var norm = Math.Sqrt(sq);
            if (norm < 1e-12) continue;
            for (var k = 0; k < row.Length; k++) row[k] = (float)(row[k] / norm);
        }
        return new EmbeddingMatrix(data, Rows, Dim);
    }

    /// <summary>The rows named by <paramref name="indices"/>, in that order.</summary>
    public EmbeddingMatrix Select(IReadOnlyList<int> indices)
    {
        var data = new float[indices.Count * Dim];
        for (var r = 0; r < indices.Count; r++) Row(indices[r]).CopyTo(data.AsSpan(r * Dim, Dim));
        return new EmbeddingMatrix(data, indices.Count, Dim);
    }
}
