using FacetCL.Data;

namespace FacetCL.Diagnostics;

/// <summary>
/// What <c>facetcl diagnose</c> measures on: scored pairs (STS Spearman, alignment, robustness) and
/// NLI pairs (the task axis); the texts of both are the population of the space-wide metrics. Either
/// list may be empty: the metrics that need it are then reported as not applicable.
/// </summary>
/// <param name="Description">readable, e.g. "stsb:test (1379 pairs) + xnli:validation (2490 pairs)"</param>
public sealed record DiagnosticData(IReadOnlyList<ScoredPair> Sts, IReadOnlyList<NliPair> Nli, string Description)
{
    /// <summary>Distinct texts in order of first appearance: STS sentences, then premises and hypotheses.</summary>
    public IReadOnlyList<string> Texts() =>
        Sts.SelectMany(p => new[] { p.Sentence1, p.Sentence2 })
            .Concat(Nli.SelectMany(p => new[] { p.Premise, p.Hypothesis }))
            .Distinct(StringComparer.Ordinal).ToList();
}
