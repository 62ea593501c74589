using FacetCL.Diagnostics;

namespace FacetCL.Tests.Diagnostics;

/// <summary>Chunked centroid distances agree with the plain all-pairs computation.</summary>
public class ChunkingTests
{
    const double Tolerance = 1e-5;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(100_000)]
    public void ChunkedSeparationEqualsUnchunked(int seed)
    {
        var rng = new Random(seed);
        var n = 150 + rng.Next(150);
        var dim = 4 + rng.Next(28);
        var rows = Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, dim).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray()).ToArray();
        var ids = Enumerable.Range(0, n).Select(_ => (long)rng.Next(-1, n / 3)).ToArray();
        var x = EmbeddingMatrix.FromRows(rows);
        var groups = AnchorGroups.Of(x.Normalized(), ids);

        // Unchunked: every pairwise distance in one list.
        var all = new List<double>();
        for (var a = 0; a < groups.Count; a++)
            for (var b = a + 1; b < groups.Count; b++)
                all.Add(Math.Sqrt(VectorMath.SquaredDistance(groups.Centroids.Row(a), groups.Centroids.Row(b))));
        all.Sort();
        var p5 = all[(int)Math.Ceiling(0.05 * all.Count) - 1];

        foreach (var chunk in new[] { 1, 3, 17, groups.Count, 10 * groups.Count })
        {
            var s = Separation.Of(x, ids, minMembers: 2, chunkRows: chunk);
            Assert.Equal(all.Count, s.Pairs);
            Assert.True(Math.Abs(s.Min - all[0]) < Tolerance, $"chunk {chunk}: min {s.Min} vs {all[0]}");
            Assert.True(Math.Abs(s.P5 - p5) < Tolerance, $"chunk {chunk}: p5 {s.P5} vs {p5}");
            Assert.True(Math.Abs(s.Mean - all.Average()) < Tolerance, $"chunk {chunk}: mean {s.Mean} vs {all.Average()}");
        }
    }
}
