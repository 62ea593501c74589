using System.Text.Json.Nodes;

namespace FacetCL.Anchors;

/// <summary>A text whose soft best match is another anchor than its own.</summary>
public sealed record Disagreement(string Text, string OwnAnchorId, double OwnScore, string RivalAnchorId, double RivalScore);

/// <summary>An anchor in the top-by-support list.</summary>
public sealed record TopAnchor(string Id, string CanonicalText, int Support, AnchorStatus Status);

/// <summary>
/// Health figures of a library. Anchor figures (singletons, histogram, top list) cover the anchors
/// in use (auto and validated): rejected ones are out of play. Text figures cover every distinct
/// text of the last build, so texts of rejected anchors lower the coverage.
/// </summary>
/// <param name="ByStatus">anchor count per status (every status present, zero included)</param>
/// <param name="SingletonShare">share of anchors in use with support 1 (0 when there are none)</param>
/// <param name="SupportHistogram">anchors in use per support bucket: 0 (validated, no longer seen), 1, 2, 3-5, 6-10, 11+</param>
/// <param name="Coverage">share of texts that are aligned (0 when there are none)</param>
/// <param name="Disagreements">texts whose soft best match is another anchor than their own</param>
/// <param name="DisagreementExamples">a few of them, widest gap first</param>
public sealed record AnchorStats(
    int Anchors,
    IReadOnlyDictionary<AnchorStatus, int> ByStatus,
    double SingletonShare,
    IReadOnlyList<KeyValuePair<string, int>> SupportHistogram,
    int Texts,
    int AlignedTexts,
    double Coverage,
    int Disagreements,
    IReadOnlyList<Disagreement> DisagreementExamples,
    IReadOnlyList<TopAnchor> TopAnchors)
{
    /// <summary>The support buckets, as (label, lowest, highest) with inclusive bounds.</summary>
    public static IReadOnlyList<(string Label, int Low, int High)> Buckets { get; } =
        [("0", 0, 0), ("1", 1, 1), ("2", 2, 2), ("3-5", 3, 5), ("6-10", 6, 10), ("11+", 11, int.MaxValue)];

    /// <summary>The figures as one JSON object (what <c>facetcl anchors stats --json</c> prints).</summary>
    public JsonObject ToJson()
    {
        var byStatus = new JsonObject();
        foreach (var (status, count) in ByStatus) byStatus[status.ToName()] = count;
        var histogram = new JsonObject();
        foreach (var (label, count) in SupportHistogram) histogram[label] = count;
        return new JsonObject
        {
            ["anchors"] = Anchors,
            ["by_status"] = byStatus,
            ["singleton_share"] = SingletonShare,
            ["support_histogram"] = histogram,
            ["texts"] = Texts,
            ["aligned_texts"] = AlignedTexts,
            ["coverage"] = Coverage,
            ["disagreements"] = Disagreements,
            ["disagreement_examples"] = new JsonArray(DisagreementExamples.Select(d => (JsonNode)new JsonObject
            {
                ["text"] = d.Text,
                ["anchor"] = d.OwnAnchorId,
                ["score"] = d.OwnScore,
                ["rival"] = d.RivalAnchorId,
                ["rival_score"] = d.RivalScore,
            }).ToArray()),
            ["top_anchors"] = new JsonArray(TopAnchors.Select(t => (JsonNode)new JsonObject
            {
                ["id"] = t.Id,
                ["canonical_text"] = t.CanonicalText,
                ["support"] = t.Support,
                ["status"] = t.Status.ToName(),
            }).ToArray()),
        };
    }
}
