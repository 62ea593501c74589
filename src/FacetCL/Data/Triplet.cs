namespace FacetCL.Data;

/// <summary>A contrastive training example: an anchor, a sentence close to it and a hard negative.</summary>
public sealed record Triplet(string Anchor, string Positive, string Negative, SourceRef Source);
