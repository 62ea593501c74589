using System.Text.RegularExpressions;
using FacetCL.Anchors;

namespace FacetCL.Factors;

/// <summary>
/// Temporal explicitness: how explicitly a sentence places itself in time. Value = tense marking
/// (past or future tense 1, a perfect or progressive aspect +0.5) + 1 per time expression (years,
/// dates, months, weekdays, clock times, durations such as "three hours", deictic words such as
/// "yesterday", "tomorrow", "ago", temporal connectives "before", "after", "until", "since", "while").
/// Bins: 0 = none (present/untensed, no time expression), 1 = tense only, 2 = at least one explicit
/// time expression. Always known.
/// </summary>
public static partial class TemporalLabeler
{
    public static FactorLabel Label(Annotation a)
    {
        var tense = a.Frame.Tense is Tense.Past or Tense.Future ? 1.0 : 0.0;
        if (a.Frame.Aspect is "perfect" or "progressive" or "perfect-progressive") tense += 0.5;
        var expressions = TimeExpressions(a.Text);
        var bin = expressions > 0 ? 2 : tense > 0 ? 1 : 0;
        return new FactorLabel(tense + expressions, bin);
    }

    /// <summary>Number of time expressions in the text.</summary>
    public static int TimeExpressions(string text) => TimePattern().Count(text);

    [GeneratedRegex(@"\b(1[5-9]\d\d|20\d\d|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}(:\d\d)?\s?(a\.?m\.?|p\.?m\.?|o'clock)|"
        + @"january|february|march|april|june|july|august|september|october|november|december|"
        + @"monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|"
        + @"yesterday|today|tomorrow|tonight|ago|nowadays|currently|recently|formerly|lately|"
        + @"before|after|until|since|during|while|meanwhile|afterwards|later|earlier|soon|already|once|"
        + @"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many)\s+(seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centur(y|ies))|"
        + @"morning|afternoon|evening|night|noon|midnight|century|decade|season|summer|winter|spring|autumn)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();
}
