namespace FacetCL.Anchors;

/// <summary>
/// The soft slot-match score between a text's slots and an anchor's slots, in [0, 1].
/// Similarity calls are memoised because the same value pairs recur across thousands of texts
/// and a WordNet lookup is far dearer than a dictionary hit.
/// </summary>
public sealed class SlotMatch
{
    private readonly ISlotSimilarity similarity;
    private readonly AlignmentOptions options;
    private readonly double weightSum;
    private readonly Dictionary<(string, string, WordClass), double> cache = [];

    public SlotMatch(ISlotSimilarity similarity, AlignmentOptions? options = null)
    {
        this.similarity = similarity ?? throw new ArgumentNullException(nameof(similarity));
        this.options = options ?? new AlignmentOptions();
        this.options.Validate();
        weightSum = this.options.SubjectWeight + this.options.PredicateWeight + this.options.ObjectWeight + this.options.AttributeWeight;
    }

    /// <summary>
    /// Weighted mean of subject (noun), predicate (verb), object (noun) and attribute (adjective,
    /// soft Jaccard) agreement. A slot empty on both sides agrees (1); empty on one side only, 0.
    /// Negation must agree, else 0: a negated statement is the opposite proposition, never a near
    /// match. Tense must agree where both sides have one (<see cref="Tense.None"/> agrees with any),
    /// else the score is multiplied by <see cref="AlignmentOptions.TenseMismatchFactor"/>.
    /// </summary>
    public double Score(CanonicalSlots text, CanonicalSlots anchor)
    {
        if (text.Negated != anchor.Negated) return 0;
        var sum = options.SubjectWeight * Slot(text.Subject, anchor.Subject, WordClass.Noun)
            + options.PredicateWeight * Slot(text.Predicate, anchor.Predicate, WordClass.Verb)
            + options.ObjectWeight * Slot(text.Object, anchor.Object, WordClass.Noun)
            + options.AttributeWeight * SoftJaccard(text.Attributes, anchor.Attributes);
        var score = sum / weightSum;
        if (text.Tense != Tense.None && anchor.Tense != Tense.None && text.Tense != anchor.Tense) score *= options.TenseMismatchFactor;
        return Math.Clamp(score, 0, 1);
    }

    /// <summary>
    /// Jaccard where attributes may match softly: matched weight M is a greedy one-to-one matching of
    /// the most similar pairs, and the score is M / (|A| + |B| − M); with exact matches only this is
    /// plain Jaccard. Attributes are looked up as adjectives, the commonest kind of modifier.
    /// </summary>
    public double SoftJaccard(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var left = a.Distinct(StringComparer.Ordinal).ToList();
        var right = b.Distinct(StringComparer.Ordinal).ToList();
        if (left.Count == 0 && right.Count == 0) return 1;
        if (left.Count == 0 || right.Count == 0) return 0;
        var pairs = new List<(double Sim, int I, int J)>();
        for (var i = 0; i < left.Count; i++)
        {
            for (var j = 0; j < right.Count; j++)
            {
                var s = Similar(left[i], right[j], WordClass.Adjective);
                if (s > 0) pairs.Add((s, i, j));
            }
        }
        pairs.Sort((x, y) => y.Sim.CompareTo(x.Sim));
        var usedLeft = new bool[left.Count];
        var usedRight = new bool[right.Count];
        double matched = 0;
        foreach (var (sim, i, j) in pairs)
        {
            if (usedLeft[i] || usedRight[j]) continue;
            usedLeft[i] = usedRight[j] = true;
            matched += sim;
        }
        return matched / (left.Count + right.Count - matched);
    }

    private double Slot(string? a, string? b, WordClass wordClass)
    {
        if (a is null && b is null) return 1;
        if (a is null || b is null) return 0;
        return Similar(a, b, wordClass);
    }

    private double Similar(string a, string b, WordClass wordClass)
    {
        if (string.Equals(a, b, StringComparison.Ordinal)) return 1;
        var key = (a, b, wordClass);
        if (!cache.TryGetValue(key, out var s))
        {
            s = similarity.Similarity(a, b, wordClass);
            s = double.IsNaN(s) ? 0 : Math.Clamp(s, 0, 1);
            cache[key] = s;
        }
        return s;
    }
}
