using FacetCL.Anchors;

namespace FacetCL.Factors;

/// <summary>
/// Syntactic dependency strength: the mean length, in words, of the Link Grammar links between the
/// words of a sentence (<see cref="SyntaxSummary.MeanLinkLength"/>). 1.0 means every link joins
/// neighbours ("Dogs bark."); long-range links (relative clauses, fronted phrases, embedded
/// complements) raise it. Bins: 0 = local (&lt; <see cref="LowBelow"/>), 1 = medium, 2 = long-range
/// (≥ <see cref="HighFrom"/>); the edges are the tertiles measured on the NLI training texts (README).
/// Unknown when the parse gave no linkage.
/// </summary>
public static class SyntaxLabeler
{
    public const double LowBelow = 1.55;
    public const double HighFrom = 2.05;

    public static FactorLabel Label(Annotation a)
    {
        if (a.Syntax is not { Links: > 0 } s) return FactorLabel.Unknown;
        var v = s.MeanLinkLength;
        return new FactorLabel(v, v < LowBelow ? 0 : v < HighFrom ? 1 : 2);
    }
}
