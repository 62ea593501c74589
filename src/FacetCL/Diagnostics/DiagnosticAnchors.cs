using FacetCL.Anchors;

namespace FacetCL.Diagnostics;

/// <summary>Anchor ids of texts for the diagnostics, and how many texts got one.</summary>
public sealed record AnchorAssignment(long[] Ids, int WithAnchor, int Anchors, int AnchorsWithTwoOrMore, string Annotation);

/// <summary>
/// Anchor ids straight from the anchoring pipeline (<see cref="AnchoringPipeline"/>: Link Grammar
/// frames, WordNet canonicalisation, fingerprint; annotations cached by text): texts with the same
/// fingerprint share an id, and a text whose frame has no subject, predicate or object gets −1, as
/// in training (<c>RunAnchors</c>). No anchor library is read or written.
/// </summary>
public static class DiagnosticAnchors
{
    public static AnchorAssignment Assign(IReadOnlyList<string> texts, IProgress<int>? progress = null, AnnotatorOptions? options = null)
    {
        var run = new AnchoringPipeline(options).Run(texts, progress);
        var numbers = new Dictionary<string, long>(StringComparer.Ordinal);
        var ids = new long[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            var input = run.Inputs[i];
            if (input.Slots.Subject is null && input.Slots.Predicate is null && input.Slots.Object is null)
            {
                ids[i] = -1;
                continue;
            }
            if (!numbers.TryGetValue(input.FingerprintId, out var n)) numbers[input.FingerprintId] = n = numbers.Count;
            ids[i] = n;
        }
        var sizes = ids.Where(i => i >= 0).GroupBy(i => i).Select(g => g.Count()).ToList();
        return new AnchorAssignment(ids, ids.Count(i => i >= 0), sizes.Count, sizes.Count(s => s >= 2), run.Stats.ToString());
    }
}
