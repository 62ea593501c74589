using FacetCL.Anchors;

namespace FacetCL.Factors;

/// <summary>
/// Semantic-role density: arguments per predicate per token, ×10 (per ten words). Arguments are the
/// frame's filled subject and object slots plus its attributes (modifiers of the arguments or the
/// predicate); predicates are the words with the predicate role (at least one when the frame has a
/// predicate); tokens are the words of the sentence. "The old man slowly ate a red apple." →
/// (subject + object + old, slowly, red = 5) / 1 predicate / 8 words × 10 = 6.25. Bins: 0 = sparse
/// (&lt; <see cref="LowBelow"/>), 1 = medium, 2 = dense (≥ <see cref="HighFrom"/>), tertiles of the
/// NLI training texts. Unknown without a predicate or without words.
/// </summary>
public static class RoleDensityLabeler
{
    public const double LowBelow = 2.2;
    public const double HighFrom = 3.6;

    public static FactorLabel Label(Annotation a)
    {
        var f = a.Frame;
        var words = a.Words.Count(w => w.Word.Any(char.IsLetterOrDigit));
        if (f.Predicate is null || words == 0) return FactorLabel.Unknown;
        var arguments = (f.Subject is null ? 0 : 1) + (f.Object is null ? 0 : 1) + f.Attributes.Count;
        var predicates = Math.Max(1, a.Words.Count(w => w.Role == TokenRole.Predicate));
        var v = 10.0 * arguments / predicates / words;
        return new FactorLabel(Math.Round(v, 4), v < LowBelow ? 0 : v < HighFrom ? 1 : 2);
    }
}
