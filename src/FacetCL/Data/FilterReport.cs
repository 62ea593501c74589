namespace FacetCL.Data;

/// <summary>Why a training row was dropped; the strings appear in reports.</summary>
public static class FilterReason
{
    /// <summary>Same anchor, positive and negative (exact after trimming) as an earlier row.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>The anchor equals the positive or the negative by <see cref="TextKey"/>: nothing to learn.</summary>
    public const string Degenerate = "degenerate";

    /// <summary>A sentence of the row matches an evaluation sentence by <see cref="TextKey"/>.</summary>
    public const string EvalOverlap = "eval_overlap";
}

/// <summary>
/// What <see cref="TrainingSetFilter"/> removed, so that the removal can be reported next to
/// results (the data README asks for it). Each dropped row is counted once, under the first
/// reason that applies, in the order duplicate, degenerate, eval_overlap.
/// </summary>
/// <param name="Input">Rows given to the filter.</param>
/// <param name="Kept">Rows that passed.</param>
/// <param name="Dropped">Reason → number of rows dropped for it (reasons with none are absent).</param>
/// <param name="Examples">Reason → a few dropped rows, described with their source.</param>
public sealed record FilterReport(
    int Input,
    int Kept,
    IReadOnlyDictionary<string, int> Dropped,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Examples)
{
    /// <summary>Rows dropped for <paramref name="reason"/> (0 when none).</summary>
    public int Count(string reason) => Dropped.TryGetValue(reason, out var n) ? n : 0;

    /// <summary>One line per reason, e.g. <c>kept 9702 of 9769; duplicate 0, eval_overlap 67</c>.</summary>
    public override string ToString() =>
        $"kept {Kept} of {Input}" + (Dropped.Count == 0 ? string.Empty : "; " + string.Join(", ", Dropped.Select(kv => $"{kv.Key} {kv.Value}")));
}

/// <summary>The rows a filter kept, with the report of what it dropped.</summary>
public sealed record FilterResult(IReadOnlyList<Triplet> Kept, FilterReport Report);
