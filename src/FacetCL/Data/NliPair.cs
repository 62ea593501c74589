namespace FacetCL.Data;

/// <summary>A labelled premise/hypothesis pair from an NLI corpus.</summary>
public sealed record NliPair(string Premise, string Hypothesis, NliLabel Label, SourceRef Source);
