using System.Text.Json.Nodes;
using FacetCL.Diagnostics;
using static TorchSharp.torch;

namespace FacetCL.Bench;

/// <summary>Shape of a synthetic clustered embedding set (see <see cref="SyntheticClusters"/>).</summary>
/// <param name="Rows">embeddings</param>
/// <param name="Dim">dimensions of an embedding</param>
/// <param name="Anchors">clusters (anchor ids 0 … Anchors − 1), each of ⌊Rows/Anchors⌋ or ⌈Rows/Anchors⌉ rows</param>
/// <param name="Seed">seed of every random draw</param>
/// <param name="Factors">factor vectors per row</param>
/// <param name="FactorDim">dimensions of a factor vector</param>
/// <param name="Noise">norm of a member's offset from its centre, relative to the unit centre</param>
/// <param name="Cone">weight of the direction every centre shares (makes the space anisotropic, as real encoders are)</param>
/// <param name="FactorShared">weight of the component a row's factor vectors share (makes factors partly collinear)</param>
public sealed record SyntheticClusterSpec(int Rows, int Dim, int Anchors, int Seed, int Factors = 5, int FactorDim = 32,
    double Noise = 0.6, double Cone = 0.4, double FactorShared = 0.5)
{
    public JsonObject ToJson() => new()
    {
        ["kind"] = "synthetic clustered (not a model's embeddings)",
        ["rows"] = Rows,
        ["dim"] = Dim,
        ["anchors"] = Anchors,
        ["seed"] = Seed,
        ["factors"] = Factors,
        ["factor_dim"] = FactorDim,
        ["noise"] = Noise,
        ["cone"] = Cone,
        ["factor_shared"] = FactorShared,
        ["embedding_mib"] = Math.Round((double)Rows * Dim * sizeof(float) / (1 << 20), 1),
        ["factor_mib"] = Math.Round((double)Rows * Factors * FactorDim * sizeof(float) / (1 << 20), 1),
        ["recipe"] = "centre_a = normalise(g_a/sqrt(dim) + cone*u), g_a ~ N(0, I), u a random unit vector shared by all centres; "
            + "anchor ids = a seeded shuffle of i mod anchors; row i = normalise(centre_a(i) + noise*z_i/sqrt(dim)), z_i ~ N(0, I); "
            + "factor k of row i = z_ik + factor_shared*s_i, z_ik, s_i ~ N(0, I_factor_dim); float32, generated in chunks by LibTorch's seeded generator",
    };
}

/// <summary>
/// Seeded synthetic clustered embeddings with anchor ids and factor vectors, for measuring the
/// diagnostics at scale: anchor centres on the unit sphere (sharing one direction), members
/// Gaussian around their centre and L2-normalised. Built chunk by chunk straight into one float32
/// array per matrix (rows × dim × 4 bytes, no double copy, written through
/// <see cref="EmbeddingMatrix.AsTensor"/>); LibTorch draws the normals.
/// </summary>
public sealed record SyntheticClusters(SyntheticClusterSpec Spec, EmbeddingMatrix Embeddings, long[] AnchorIds, IReadOnlyList<EmbeddingMatrix> Factors)
{
    const int ChunkRows = 16_384;

    public static SyntheticClusters Generate(SyntheticClusterSpec spec)
    {
        if (spec.Rows < 2 || spec.Dim < 1 || spec.Factors < 0 || spec.FactorDim < 1)
            throw new ArgumentException("need at least two rows, one dimension and one factor dimension");
        if (spec.Anchors < 1 || (long)spec.Anchors * 2 > spec.Rows)
            throw new ArgumentException($"{spec.Anchors} anchors for {spec.Rows} rows: every anchor needs at least two rows");
        if ((long)spec.Rows * spec.Dim > Array.MaxLength || (long)spec.Rows * spec.FactorDim > Array.MaxLength)
            throw new ArgumentException($"{spec.Rows} × {spec.Dim} floats do not fit one array");

        var ids = new long[spec.Rows];
        for (var i = 0; i < ids.Length; i++) ids[i] = i % spec.Anchors;
        new Random(spec.Seed).Shuffle(ids);

        var data = new float[spec.Rows * spec.Dim];
        var factors = Enumerable.Range(0, spec.Factors).Select(_ => new float[spec.Rows * spec.FactorDim]).ToArray();
        using var scope = NewDisposeScope();
        var dataView = new EmbeddingMatrix(data, spec.Rows, spec.Dim).AsTensor();
        var factorViews = factors.Select(f => new EmbeddingMatrix(f, spec.Rows, spec.FactorDim).AsTensor()).ToList();
        var generator = new TorchSharp.torch.Generator((ulong)spec.Seed);
        var shared = Normalise(randn([spec.Dim], generator: generator));
        var centres = Normalise(randn([spec.Anchors, spec.Dim], generator: generator).div_(Math.Sqrt(spec.Dim)).add_(shared.mul(spec.Cone)));
        for (var start = 0; start < spec.Rows; start += ChunkRows)
        {
            using var chunkScope = NewDisposeScope();
            var rows = Math.Min(ChunkRows, spec.Rows - start);
            var members = centres.index_select(0, tensor(ids.AsSpan(start, rows).ToArray()));
            var x = Normalise(randn([rows, spec.Dim], generator: generator).mul_(spec.Noise / Math.Sqrt(spec.Dim)).add_(members));
            dataView.narrow(0, start, rows).copy_(x);
            if (spec.Factors > 0)
            {
                var common = randn([rows, spec.FactorDim], generator: generator).mul_(spec.FactorShared);
                foreach (var f in factorViews)
                    f.narrow(0, start, rows).copy_(randn([rows, spec.FactorDim], generator: generator).add_(common));
            }
            chunkScope.Dispose();
            NativeHeap.TrimIfGrown();
        }
        return new SyntheticClusters(spec, new EmbeddingMatrix(data, spec.Rows, spec.Dim), ids,
            factors.Select(f => new EmbeddingMatrix(f, spec.Rows, spec.FactorDim)).ToList());
    }

    /// <summary>Rows (or the vector) scaled to unit L2 norm.</summary>
    static Tensor Normalise(Tensor t) => t.div(t.pow(2).sum(-1, keepdim: true).sqrt_());
}
