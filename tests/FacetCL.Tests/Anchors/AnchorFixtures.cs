using FacetCL.Anchors;

namespace FacetCL.Tests.Anchors;

/// <summary>
/// A hand-made <see cref="ISlotSimilarity"/>: 1 for equal values, the listed score for listed pairs
/// (either order), 0 otherwise; so tests control every soft match exactly.
/// </summary>
public class TableSimilarity : ISlotSimilarity
{
    private readonly Dictionary<(string, string), double> pairs = [];

    public int Calls { get; private set; }

    public TableSimilarity With(string a, string b, double score)
    {
        pairs[(a, b)] = score;
        pairs[(b, a)] = score;
        return this;
    }

    public double Similarity(string a, string b, WordClass wordClass)
    {
        Calls++;
        return a == b ? 1 : pairs.GetValueOrDefault((a, b));
    }

    /// <summary>The listed partners of a value (what a WordNet similarity would give as neighbours).</summary>
    protected IEnumerable<string> Partners(string value) => pairs.Keys.Where(k => k.Item1 == value).Select(k => k.Item2);
}

/// <summary>The same table, also offering its pairs as neighbours to the candidate index.</summary>
public sealed class NeighbourSimilarity : TableSimilarity, ISlotNeighbours
{
    public IEnumerable<string> Neighbours(string value, WordClass wordClass) => Partners(value);
}

/// <summary>Short builders for synthetic slots and inputs.</summary>
public static class A
{
    public static CanonicalSlots Slots(string? subject, string? predicate, string? obj, params string[] attributes) =>
        new(subject, predicate, obj, attributes, false, Tense.Present);

    public static AnchorInput Input(string text, string id, CanonicalSlots slots) =>
        new(text, id, slots, $"{slots.Subject} {slots.Predicate} {slots.Object}".Trim());

    /// <summary>Several texts of one fingerprint: "{id} text 1", "{id} text 2", ...</summary>
    public static IEnumerable<AnchorInput> Texts(string id, CanonicalSlots slots, int count) =>
        Enumerable.Range(1, count).Select(i => Input($"{id} text {i}", id, slots));
}
