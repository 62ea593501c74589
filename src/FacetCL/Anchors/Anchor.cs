namespace FacetCL.Anchors;

/// <summary>An anchor as stored: one semantic fingerprint with its slots, curation state and support.</summary>
/// <param name="Id">the semantic fingerprint ID</param>
/// <param name="Support">number of distinct texts of the last build whose fingerprint is <paramref name="Id"/></param>
/// <param name="Provenance">what built it (data sets, run), as given to <see cref="AnchorLibrary.Build"/></param>
public sealed record Anchor(
    string Id,
    CanonicalSlots Slots,
    string CanonicalText,
    int Support,
    AnchorStatus Status,
    string Provenance,
    DateTime CreatedUtc,
    DateTime UpdatedUtc);

/// <summary>A text's place in the library.</summary>
/// <param name="AnchorId">its anchor (exact fingerprint membership)</param>
/// <param name="Score">soft slot-match score of the text against its own anchor, in [0, 1]</param>
/// <param name="Aligned">both directions agree: the soft best match is its own anchor, ahead of the runner-up by the margin</param>
public sealed record AnchorMatch(string AnchorId, double Score, bool Aligned);

/// <summary>A member text of an anchor.</summary>
public sealed record AnchorMember(string Text, double Score, bool Aligned);
