namespace FacetCL.Factors;

/// <summary>
/// A word lexicon derived from labelled training sentences of two classes (no maintained English
/// polarity or subjectivity lexicon is on this machine): each word's smoothed log-odds of appearing
/// in class 1 rather than class 0, <c>s(w) = log((c₁(w)+1)/(N₁+V)) − log((c₀(w)+1)/(N₀+V))</c> with
/// c the word's count in a class, N the class's word total and V the vocabulary size (Laplace
/// smoothing; Monroe, Colaresi &amp; Quinn 2008 discuss the family). Words seen fewer than
/// <c>minCount</c> times or with |s| &lt; <c>minScore</c> are dropped. A text's score is
/// tanh(Σ s(w) / 2) over its lower-cased words, in (−1, 1); 0 when no word is in the lexicon.
/// </summary>
public sealed class LogOddsLexicon
{
    readonly Dictionary<string, double> scores;

    public int Count => scores.Count;

    LogOddsLexicon(Dictionary<string, double> scores) => this.scores = scores;

    /// <param name="sentences">lower-cased, tokenized sentences with their class (0 or 1)</param>
    public static LogOddsLexicon Build(IEnumerable<(string Text, int Label)> sentences, int minCount = 20, double minScore = 1.0)
    {
        var counts = new Dictionary<string, (int Zero, int One)>(StringComparer.Ordinal);
        long zero = 0, one = 0;
        foreach (var (text, label) in sentences)
            foreach (var w in Words(text))
            {
                counts.TryGetValue(w, out var c);
                counts[w] = label == 1 ? (c.Zero, c.One + 1) : (c.Zero + 1, c.One);
                if (label == 1) one++; else zero++;
            }
        var v = counts.Count;
        var kept = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (w, c) in counts)
        {
            if (c.Zero + c.One < minCount) continue;
            var s = Math.Log((c.One + 1.0) / (one + v)) - Math.Log((c.Zero + 1.0) / (zero + v));
            if (Math.Abs(s) >= minScore) kept[w] = s;
        }
        return new LogOddsLexicon(kept);
    }

    public double? ScoreOf(string word) => scores.TryGetValue(word.ToLowerInvariant(), out var s) ? s : null;

    /// <summary>tanh(Σ s(w) / 2) over the text's words; 0 when none is known.</summary>
    public double Score(string text)
    {
        double sum = 0;
        foreach (var w in Words(text))
            if (scores.TryGetValue(w, out var s)) sum += s;
        return Math.Tanh(sum / 2);
    }

    /// <summary>Lower-cased words: letters, digits and apostrophes; "n't" and "'s" stay their own word as in the tokenized data.</summary>
    public static IEnumerable<string> Words(string text)
    {
        var lower = text.ToLowerInvariant().Replace("n't", " n't", StringComparison.Ordinal);
        var start = -1;
        for (var i = 0; i <= lower.Length; i++)
        {
            var inWord = i < lower.Length && (char.IsLetterOrDigit(lower[i]) || lower[i] == '\'');
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                var w = lower[start..i];
                if (w.Length > 1 && w[0] == '\'' && w != "'s" && w != "'re" && w != "'ve" && w != "'ll" && w != "'d" && w != "'m") w = w.TrimStart('\'');
                if (w.Length > 0) yield return w;
                start = -1;
            }
        }
    }
}
