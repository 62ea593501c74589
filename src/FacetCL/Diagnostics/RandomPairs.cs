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
}

/// <summary>A sample mean with its standard error (0 when the sample was exhaustive).</summary>
public sealed record Estimate(double Value, double StandardError, int Samples, bool Exact);
