namespace FacetCL.Anchors;

/// <summary>
/// One annotated text as the anchor library receives it: the parser and canonicaliser have
/// already run, so the library only groups, counts and aligns, and never re-parses.
/// </summary>
/// <param name="Text">the text exactly as it appears in the data (memberships are keyed by its hash)</param>
/// <param name="FingerprintId">the semantic fingerprint of <paramref name="Slots"/>; texts sharing it share an anchor</param>
/// <param name="Slots">the canonical slots the fingerprint was computed from</param>
/// <param name="CanonicalText">a readable rendering of the slots, shown to curators</param>
public sealed record AnchorInput(string Text, string FingerprintId, CanonicalSlots Slots, string CanonicalText);
