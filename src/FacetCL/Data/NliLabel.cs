namespace FacetCL.Data;

/// <summary>The three-way natural language inference label.</summary>
public enum NliLabel
{
    Entailment,
    Neutral,
    Contradiction,
}
