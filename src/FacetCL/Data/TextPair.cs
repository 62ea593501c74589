namespace FacetCL.Data;

/// <summary>Two sentences known to be related (a positive pair) but without a score.</summary>
public sealed record TextPair(string Sentence1, string Sentence2, SourceRef Source);
