namespace FacetCL.Diagnostics;

/// <param name="Cosine">cosine between the two splits' directions (1 = the same axis; ≈ 0 for unrelated directions in high dimension)</param>
/// <param name="PairsA">pairs behind the first direction</param>
/// <param name="PairsB">pairs behind the second direction</param>
/// <param name="NormA">length of the first split's mean difference (how far the axis moves a text)</param>
public sealed record TaskAxisResult(double Cosine, int PairsA, int PairsB, double NormA);

/// <summary>
/// Task-structure alignment: whether the space holds a consistent direction for a task relation.
/// The task axis of a set of pairs (p_i, h_i) (e.g. premise → entailed hypothesis) is the mean
/// difference u = (1/m) Σ (x̂(h_i) − x̂(p_i)) of L2-normalised embeddings, estimated on one split
/// and compared by cosine with the same direction measured on a disjoint split:
/// alignment = cos(u_A, u_B) (higher is better). Mean-difference directions as in the vector-offset
/// method (Mikolov et al. 2013) and concept directions of probing work (e.g. Kim et al. 2018, TCAV).
/// </summary>
public static class TaskAxis
{
    public static TaskAxisResult SplitAgreement(EmbeddingMatrix embeddings, IReadOnlyList<(int From, int To)> splitA, IReadOnlyList<(int From, int To)> splitB)
    {
        if (splitA.Count == 0 || splitB.Count == 0) throw new ArgumentException("both splits need pairs");
        var x = embeddings.Normalized();
        var a = Direction(x, splitA);
        var b = Direction(x, splitB);
        return new TaskAxisResult(VectorMath.Cosine(a, b), splitA.Count, splitB.Count, Math.Sqrt(a.Sum(v => v * v)));
    }

    /// <summary>Mean of x̂(to) − x̂(from) over the pairs.</summary>
    public static double[] Direction(EmbeddingMatrix normalized, IReadOnlyList<(int From, int To)> pairs)
    {
        var u = new double[normalized.Dim];
        foreach (var (from, to) in pairs)
        {
            var f = normalized.Row(from);
            var t = normalized.Row(to);
            for (var k = 0; k < u.Length; k++) u[k] += (double)t[k] - f[k];
        }
        for (var k = 0; k < u.Length; k++) u[k] /= pairs.Count;
        return u;
    }

    /// <summary>
    /// Splits pairs in two by their source text (a seeded shuffle of the distinct <c>From</c>
    /// values, first half → A), so that no premise, and so none of its pairs, is in both.
    /// </summary>
    public static (List<(int From, int To)> A, List<(int From, int To)> B) SplitBySource(IReadOnlyList<(int From, int To)> pairs, int seed)
    {
        var sources = pairs.Select(p => p.From).Distinct().OrderBy(i => i).ToArray();
        new Random(seed).Shuffle(sources);
        var inA = sources.Take(sources.Length / 2).ToHashSet();
        return (pairs.Where(p => inA.Contains(p.From)).ToList(), pairs.Where(p => !inA.Contains(p.From)).ToList());
    }
}
