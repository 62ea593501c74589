using System.Collections.Concurrent;
using FacetCL.Anchors;

namespace FacetCL.Factors;

/// <summary>
/// Weak labels for the five factors from a text's annotation (the anchoring stage's parse and frame) and
/// two lexicons derived from labelled training data; see each factor's labeler for its definition:
/// <list type="bullet">
/// <item>syntax: <see cref="SyntaxLabeler"/> (mean Link Grammar link length; bins local / medium / long-range)</item>
/// <item>role density: <see cref="RoleDensityLabeler"/> (arguments per predicate per ten words; sparse / medium / dense)</item>
/// <item>sentiment: <see cref="LogOddsLexicon"/> score from SST-2 train, in (−1, 1); bins negative (&lt; −0.3) / neutral / positive (&gt; 0.3)</item>
/// <item>factuality: how factual the register is — a text that reports events or states of affairs (including
/// the events of a story, as the plot summaries of the subjectivity data do) is factual; one that evaluates,
/// opines or speaks to the reader is opinion. Value = (s + 1) / 2 in (0, 1) with s the <see cref="LogOddsLexicon"/>
/// score from the subjectivity training split (objective = class 1); bins opinion (&lt; 0.5) / factual. Not a truth
/// judgement: the Brown corpus's genres (fiction vs. news) measure something else and are not used.</item>
/// <item>temporal explicitness: <see cref="TemporalLabeler"/> (tense and time expressions; none / tense / explicit)</item>
/// </list>
/// Gold labels (<see cref="LabelledFactorData"/>) override the weak label of their factor.
/// </summary>
public sealed class FactorLabeler
{
    public const double SentimentNeutralBand = 0.3;
    static readonly ConcurrentDictionary<string, (LogOddsLexicon Sentiment, LogOddsLexicon Factuality)> Lexicons = new(StringComparer.Ordinal);

    public LogOddsLexicon Sentiment { get; }
    public LogOddsLexicon Factuality { get; }

    /// <param name="dataRoot">the data folder whose SST-2 train and subjectivity training split give the lexicons</param>
    public FactorLabeler(string dataRoot)
    {
        (Sentiment, Factuality) = Lexicons.GetOrAdd(Path.GetFullPath(dataRoot), root => (
            LogOddsLexicon.Build(LabelledFactorData.ReadSst(Path.Combine(root, "sentiment", "sst2_senteval", "sentiment-train")).Select(r => (r.Text, r.Bin == 2 ? 1 : 0))),
            LogOddsLexicon.Build(LabelledFactorData.Subjectivity(root).Where(r => !LabelledFactorData.IsValidation(r.Text)).Select(r => (r.Text, r.Bin)))));
    }

    public FactorLabels Label(Annotation a)
    {
        var labels = new FactorLabel[FactorKinds.Count];
        labels[(int)FactorKind.Syntax] = SyntaxLabeler.Label(a);
        labels[(int)FactorKind.RoleDensity] = RoleDensityLabeler.Label(a);
        var s = Sentiment.Score(a.Text);
        labels[(int)FactorKind.Sentiment] = new FactorLabel(s, s < -SentimentNeutralBand ? 0 : s > SentimentNeutralBand ? 2 : 1);
        var f = (Factuality.Score(a.Text) + 1) / 2;
        labels[(int)FactorKind.Factuality] = new FactorLabel(f, f < 0.5 ? 0 : 1);
        labels[(int)FactorKind.Temporal] = TemporalLabeler.Label(a);
        return new FactorLabels(labels);
    }
}
