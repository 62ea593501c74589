namespace FacetCL.Diagnostics;

/// <summary>
/// Index pairs (i, j), i ≠ j, for estimates "over random distinct pairs": every unordered pair when
/// there are at most <c>count</c> of them (the estimate is then exact), otherwise <c>count</c>
/// pairs drawn uniformly with replacement by a seeded <see cref="Random"/>, so a run is repeatable.
/// </summary>
public sealed record RandomPairs(int[] First, int[] Second, bool Exhaustive)
{
    public int Count => First.Length;

    public static RandomPairs Draw(int rows, int count, int seed)
    {
        if (rows < 2) throw new ArgumentException("need at least two rows to form a pair");
        if (count < 1) throw new ArgumentException("count must be positive");
        var all = (long)rows * (rows - 1) / 2;
        if (all <= count)
        {
            var a = new int[all];
            var b = new int[all];
            var k = 0;
            for (var i = 0; i < rows; i++)
                for (var j = i + 1; j < rows; j++)
                {
                    a[k] = i;
                    b[k++] = j;
                }
            return new RandomPairs(a, b, true);
        }
        var rng = new Random(seed);
        var first = new int[count];
        var second = new int[count];
        for (var k = 0; k < count; k++)
        {
            var i = rng.Next(rows);
            var j = rng.Next(rows - 1);
            if (j >= i) j++; // uniform over j ≠ i
            first[k] = i;
            second[k] = j;
        }
        return new RandomPairs(first, second, false);
    }

    /// <summary>
    /// Pairs of distinct rows of one group (the positive pairs of anchor identity): every such pair
    /// when there are at most <c>count</c>, otherwise <c>count</c> pairs drawn uniformly over all of
    /// them with replacement (a group is picked with probability ∝ |a|(|a|−1)/2, then two distinct
    /// members of it), seeded. Memory: one cumulative count per group, whatever the groups' sizes.
    /// </summary>
    public static RandomPairs DrawWithinGroups(IReadOnlyList<int[]> groups, int count, int seed)
    {
        if (count < 1) throw new ArgumentException("count must be positive");
        var cumulative = new long[groups.Count];
        long all = 0;
        for (var g = 0; g < groups.Count; g++)
        {
            long size = groups[g].Length;
            all += size * (size - 1) / 2;
            cumulative[g] = all;
        }
        if (all == 0) throw new ArgumentException("no group has two members");
        if (all <= count)
        {
            var a = new int[all];
            var b = new int[all];
            var k = 0;
            foreach (var members in groups)
                for (var i = 0; i < members.Length; i++)
                    for (var j = i + 1; j < members.Length; j++)
                    {
                        a[k] = members[i];
                        b[k++] = members[j];
                    }
            return new RandomPairs(a, b, true);
        }
        var rng = new Random(seed);
        var first = new int[count];
        var second = new int[count];
        for (var k = 0; k < count; k++)
        {
            // The group holding pair number p (0-based) of all groups' pairs in order.
            var p = rng.NextInt64(all);
            var g = Array.BinarySearch(cumulative, p + 1);
            if (g < 0) g = ~g;
            var members = groups[g];
            var i = rng.Next(members.Length);
            var j = rng.Next(members.Length - 1);
            if (j >= i) j++;
            first[k] = members[i];
            second[k] = members[j];
        }
        return new RandomPairs(first, second, false);
    }
}

/// <summary>A sample mean with its standard error (0 when the sample was exhaustive).</summary>
public sealed record Estimate(double Value, double StandardError, int Samples, bool Exact)
{
    /// <summary>Mean of <paramref name="value"/>(first, second) over the pairs, with the standard error s/√m (0 when exhaustive).</summary>
    public static Estimate MeanOver(RandomPairs pairs, Func<int, int, double> value)
    {
        var m = pairs.Count;
        double sum = 0, sumSq = 0;
        for (var k = 0; k < m; k++)
        {
            var v = value(pairs.First[k], pairs.Second[k]);
            sum += v;
            sumSq += v * v;
        }
        var mean = sum / m;
        var se = pairs.Exhaustive || m < 2 ? 0 : Math.Sqrt(Math.Max(0, (sumSq - m * mean * mean) / (m - 1)) / m);
        return new Estimate(mean, se, m, pairs.Exhaustive);
    }
}
