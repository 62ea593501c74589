using static TorchSharp.torch;

namespace FacetCL.Diagnostics;

/// <summary>
/// The exact k-th smallest (1-based) of a multiset of float64 values too many to hold, read in
/// repeated passes over the same values (in chunks; the chunking may differ between passes, the
/// values may not). Memory: one count per bucket and at most <c>maxKept</c> values, whatever the
/// number of values.
/// <list type="number">
/// <item>Pass 1 counts every value into <c>bins</c> equal-width buckets between known bounds
/// (LibTorch <c>histc</c>: fast, but its bucket of a value within rounding of an edge may be the
/// neighbour); the window of the next pass is the bucket holding rank k widened by one bucket on
/// each side, which absorbs that rounding.</item>
/// <item>A window pass over (lo, hi] counts the values ≤ lo exactly and keeps the window's values
/// when at most <c>maxKept</c> fall in it; the answer is then the (k − #values ≤ lo)-th smallest kept
/// value, found by sorting. A fuller window is bucketed again with exact comparisons (LibTorch
/// <c>bucketize</c> against the window's edges, bucket j = (e_{j−1}, e_j]); a window whose smallest
/// and largest values are equal ends the search with that value (ties).</item>
/// </list>
/// Every window pass checks that rank k lies in its window by its own exact counts, so the answer
/// is exact: one of the values, with fewer than k values below it and at least k at or below it.
/// If that check fails after pass 1 (rounding beyond one bucket) the search restarts with exact
/// buckets over the whole range; if it fails then, the passes did not present the same values.
/// Reference: selection by distribution counting (bucket / radix select; Knuth, TAOCP vol. 3,
/// §5.2.5 and §5.3.3).
/// </summary>
public sealed class StreamingKthSmallest
{
    public const int MaxPasses = 64;

    readonly long k;
    readonly double lower, upper;
    readonly int bins;
    readonly int maxKept;

    // The window of the current pass: every value (a full pass) or (lo, hi].
    bool fullPass = true;
    bool exactOnly; // after a restart: exact buckets in every pass
    double lo, hi;

    // Per-pass tallies.
    long below, inWindow;
    double windowMin, windowMax;
    List<double>? kept;
    Tensor? tally; // bucket counts of the pass (int64), read at its end
    Tensor? edges; // exact bucket edges (window passes, exact full pass)

    /// <param name="k">rank of the wanted value, 1 … total</param>
    /// <param name="total">how many values each pass presents</param>
    /// <param name="lower">a value ≤ every value</param>
    /// <param name="upper">a value ≥ every value</param>
    /// <param name="bins">buckets of a counting pass</param>
    /// <param name="maxKept">most values kept in memory for the final sort</param>
    public StreamingKthSmallest(long k, long total, double lower, double upper, int bins = 1 << 16, int maxKept = 1 << 22)
    {
        if (total < 1 || k < 1 || k > total) throw new ArgumentException($"rank {k} is outside 1 … {total}");
        if (!(lower <= upper) || !double.IsFinite(lower) || !double.IsFinite(upper)) throw new ArgumentException($"bounds [{lower}, {upper}] are not a finite interval");
        if (bins < 3 || maxKept < 1) throw new ArgumentException("need at least 3 bins and a positive maxKept");
        this.k = k;
        this.lower = lower;
        this.upper = upper;
        this.bins = bins;
        this.maxKept = maxKept;
        Total = total;
        StartPass(keep: total <= maxKept);
    }

    public long Total { get; }

    /// <summary>Passes begun (the current one included while the search runs).</summary>
    public int Passes { get; private set; } = 1;

    public bool Done { get; private set; }

    /// <summary>The smallest value of the first pass.</summary>
    public double FirstPassMin { get; private set; } = double.PositiveInfinity;

    /// <summary>The k-th smallest value, once <see cref="Done"/>.</summary>
    public double Value => Done ? value : throw new InvalidOperationException("the search has not finished");
    double value;

    /// <summary>Presents the next chunk of the current pass (any shape, float64; an empty tensor is fine).</summary>
    public void Add(Tensor values)
    {
        if (Done) throw new InvalidOperationException("the search has finished");
        if (values.numel() == 0) return;
        using var scope = NewDisposeScope();
        var v = values.dtype == ScalarType.Float64 ? values : values.to(ScalarType.Float64);
        Tensor w;
        double mn, mx;
        if (fullPass)
        {
            (mn, mx) = (v.min().item<double>(), v.max().item<double>());
            // NaN fails both comparisons.
            if (!(mn >= lower && mx <= upper)) throw new InvalidOperationException($"a value ({mn} … {mx}) lies outside the stated bounds [{lower}, {upper}] or is NaN");
            if (Passes == 1) FirstPassMin = Math.Min(FirstPassMin, mn);
            w = v;
        }
        else
        {
            var above = v.gt(lo);
            below += v.numel() - above.sum().item<long>();
            w = v.masked_select(above.logical_and_(v.le(hi)));
            if (w.numel() == 0) return;
            (mn, mx) = (w.min().item<double>(), w.max().item<double>());
        }
        inWindow += w.numel();
        windowMin = Math.Min(windowMin, mn);
        windowMax = Math.Max(windowMax, mx);
        if (kept is not null)
        {
            if (kept.Count + w.numel() <= maxKept)
            {
                kept.AddRange(w.flatten().contiguous().data<double>().ToArray());
                return;
            }
            // More values in the window than its bucket held in the last pass (edge rounding): count instead.
            SwitchToCounting();
        }
        Count(w);
    }

    /// <summary>Ends the current pass: finds the value or narrows the window for the next pass.</summary>
    public void EndPass()
    {
        if (Done) throw new InvalidOperationException("the search has finished");
        if (fullPass && inWindow != Total)
            throw new InvalidOperationException($"pass {Passes} presented {inWindow} values, not {Total}");
        var rank = k - below; // rank within the window
        if (rank < 1 || rank > inWindow)
        {
            if (exactOnly) throw new InvalidOperationException($"pass {Passes} presented {below} values at or below the window and {inWindow} in it, which does not hold rank {k}: the passes did not present the same values");
            // The fast first pass put the rank outside its widened bucket: start again with exact buckets.
            exactOnly = true;
            NextPass(full: true, 0, 0, keep: false);
            return;
        }
        if (kept is not null)
        {
            kept.Sort();
            Finish(kept[(int)(rank - 1)]);
            return;
        }
        if (windowMin == windowMax)
        {
            Finish(windowMin);
            return;
        }
        var counts = tally!.data<long>().ToArray();
        long cumulative = 0;
        var j = 0;
        for (; j < counts.Length - 1; j++)
        {
            cumulative += counts[j];
            if (cumulative >= rank) break;
        }
        if (edges is null)
        {
            // histc bucket j covers [from + j·width, from + (j+1)·width) up to rounding: widen by one bucket each side.
            var width = (upper - lower) / bins;
            var predicted = counts[Math.Max(0, j - 1)] + counts[j] + (j + 1 < bins ? counts[j + 1] : 0);
            NextPass(full: false, lower + (j - 1) * width, lower + (j + 2) * width, keep: predicted <= maxKept);
            return;
        }
        var e = edges.data<double>().ToArray();
        if (j == 0)
        {
            // Exact bucket 0 = values ≤ e_0: in a window pass there are none; in a full pass they all equal the lower bound.
            Finish(e[0]);
            return;
        }
        NextPass(full: false, e[j - 1], e[j], keep: counts[j] <= maxKept);
    }

    void NextPass(bool full, double newLo, double newHi, bool keep)
    {
        if (Passes >= MaxPasses) throw new InvalidOperationException($"no exact value after {MaxPasses} passes");
        Passes++;
        fullPass = full;
        lo = newLo;
        hi = newHi;
        StartPass(keep);
    }

    void StartPass(bool keep)
    {
        below = 0;
        inWindow = 0;
        windowMin = double.PositiveInfinity;
        windowMax = double.NegativeInfinity;
        edges?.Dispose();
        edges = null;
        tally?.Dispose();
        tally = null;
        kept = keep ? [] : null;
        if (!keep) SwitchToCounting();
    }

    void SwitchToCounting()
    {
        if (fullPass && !exactOnly)
        {
            tally = zeros(bins, ScalarType.Int64).DetachFromDisposeScope();
        }
        else
        {
            var (from, to) = fullPass ? (lower, upper) : (lo, hi);
            // Held across chunks (and the callers' dispose scopes) until the pass ends.
            edges = linspace(from, to, bins + 1, dtype: ScalarType.Float64).DetachFromDisposeScope();
            // linspace may round its end points; the window's own edges must be exact.
            edges[0].fill_(from);
            edges[bins].fill_(to);
            tally = zeros(bins + 2, ScalarType.Int64).DetachFromDisposeScope();
        }
        if (kept is { Count: > 0 })
        {
            using var scope = NewDisposeScope();
            Count(tensor(kept.ToArray()));
        }
        kept = null;
    }

    void Count(Tensor w)
    {
        using var scope = NewDisposeScope();
        if (edges is null)
        {
            // Scaled to [0, bins] because TorchSharp's histc takes integer bounds.
            var scale = upper > lower ? bins / (upper - lower) : 0;
            var c = histc(w.sub(lower).mul_(scale), bins, 0, bins).to(ScalarType.Int64);
            // A value whose scaled form rounds above `bins` is left out by histc: it belongs in the top bucket.
            c[bins - 1].add_(w.numel() - c.sum().item<long>());
            tally!.add_(c);
        }
        else
            tally!.add_(bincount(bucketize(w.flatten(), edges, outInt32: false, right: false), minlength: bins + 2));
    }

    void Finish(double v)
    {
        value = v;
        Done = true;
        kept = null;
        tally?.Dispose();
        tally = null;
        edges?.Dispose();
        edges = null;
    }
}
