namespace FacetCL.Anchors;

/// <summary>
/// Settings of the soft text → anchor match. The weights favour subject and predicate because
/// they carry the proposition; attributes only refine it, so they weigh least.
/// </summary>
public sealed record AlignmentOptions
{
    /// <summary>How far the own anchor must lead the runner-up for a text to count as aligned.</summary>
    public double Margin { get; init; } = 0.05;

    public double SubjectWeight { get; init; } = 0.3;

    public double PredicateWeight { get; init; } = 0.3;

    public double ObjectWeight { get; init; } = 0.25;

    public double AttributeWeight { get; init; } = 0.15;

    /// <summary>
    /// Factor on the score when both sides have a tense and they differ: "had a fever" and "has a fever"
    /// are related but not the same statement. (A negation mismatch is not a factor: it makes the score 0.)
    /// </summary>
    public double TenseMismatchFactor { get; init; } = 0.5;

    /// <summary>Most candidate anchors scored per text (the own anchor always among them), so alignment never goes all-pairs.</summary>
    public int MaxCandidates { get; init; } = 256;

    /// <exception cref="ArgumentException">a setting is out of range</exception>
    public void Validate()
    {
        if (Margin is < 0 or > 1 || double.IsNaN(Margin)) throw new ArgumentException($"alignment margin must be in [0, 1], got {Margin}");
        if (TenseMismatchFactor is < 0 or > 1 || double.IsNaN(TenseMismatchFactor)) throw new ArgumentException($"tense mismatch factor must be in [0, 1], got {TenseMismatchFactor}");
        double[] weights = [SubjectWeight, PredicateWeight, ObjectWeight, AttributeWeight];
        if (weights.Any(w => w < 0 || double.IsNaN(w)) || weights.Sum() <= 0) throw new ArgumentException("alignment slot weights must be non-negative with a positive sum");
        if (MaxCandidates < 1) throw new ArgumentException($"max candidates must be at least 1, got {MaxCandidates}");
    }
}

/// <summary>
/// Optional companion of <see cref="ISlotSimilarity"/>: the values it considers similar to a value.
/// When the similarity implements it, the candidate index also looks up these neighbours, so a
/// text can find an anchor that shares no exact slot value with it.
/// </summary>
public interface ISlotNeighbours
{
    IEnumerable<string> Neighbours(string value, WordClass wordClass);
}
