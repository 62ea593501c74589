namespace FacetCL.Data;

/// <summary>Two sentences with a graded similarity score (e.g. STS-B, 0 to 5).</summary>
public sealed record ScoredPair(string Sentence1, string Sentence2, double Score, SourceRef Source);
