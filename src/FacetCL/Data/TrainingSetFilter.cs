namespace FacetCL.Data;

/// <summary>
/// Cleans training triplets before use: drops exact duplicates, degenerate rows, and every row
/// that shares a sentence with an evaluation set (compared by <see cref="TextKey"/>, so a
/// tokenized training copy still matches the untokenized evaluation text). Train and
/// evaluation data must be disjoint after such normalised de-duplication.
/// </summary>
public static class TrainingSetFilter
{
    /// <summary>How many dropped rows per reason the report keeps as examples.</summary>
    public const int DefaultMaxExamples = 5;

    /// <summary>Filters <paramref name="triplets"/> against <paramref name="evaluationSentences"/> (from any number of files).</summary>
    public static FilterResult Apply(IEnumerable<Triplet> triplets, IEnumerable<string> evaluationSentences, int maxExamples = DefaultMaxExamples)
    {
        ArgumentNullException.ThrowIfNull(triplets);
        ArgumentNullException.ThrowIfNull(evaluationSentences);
        ArgumentOutOfRangeException.ThrowIfNegative(maxExamples);

        var evalKeys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var sentence in evaluationSentences)
        {
            var key = TextKey.Normalize(sentence);
            if (key.Length > 0)
            {
                evalKeys.TryAdd(key, sentence.Trim());
            }
        }

        var seen = new HashSet<(string, string, string)>();
        var kept = new List<Triplet>();
        var dropped = new Dictionary<string, int>(StringComparer.Ordinal);
        var examples = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var input = 0;

        void Drop(string reason, Triplet triplet, string why)
        {
            dropped[reason] = dropped.GetValueOrDefault(reason) + 1;
            if (!examples.TryGetValue(reason, out var list))
            {
                list = [];
                examples[reason] = list;
            }

            if (list.Count < maxExamples)
            {
                list.Add($"{triplet.Source}: {why}");
            }
        }

        foreach (var triplet in triplets)
        {
            input++;
            var anchor = triplet.Anchor.Trim();
            var positive = triplet.Positive.Trim();
            var negative = triplet.Negative.Trim();
            if (!seen.Add((anchor, positive, negative)))
            {
                Drop(FilterReason.Duplicate, triplet, $"'{anchor}' | '{positive}' | '{negative}' repeats an earlier row");
                continue;
            }

            var anchorKey = TextKey.Normalize(anchor);
            var positiveKey = TextKey.Normalize(positive);
            var negativeKey = TextKey.Normalize(negative);
            if (anchorKey == positiveKey || anchorKey == negativeKey)
            {
                var other = anchorKey == positiveKey ? "positive" : "negative";
                Drop(FilterReason.Degenerate, triplet, $"anchor '{anchor}' equals the {other}");
                continue;
            }

            var overlap = new[] { (anchor, anchorKey), (positive, positiveKey), (negative, negativeKey) }
                .FirstOrDefault(s => evalKeys.ContainsKey(s.Item2));
            if (overlap.Item1 is not null)
            {
                Drop(FilterReason.EvalOverlap, triplet, $"'{overlap.Item1}' matches evaluation sentence '{evalKeys[overlap.Item2]}'");
                continue;
            }

            kept.Add(triplet);
        }

        var report = new FilterReport(
            input,
            kept.Count,
            dropped,
            examples.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value, StringComparer.Ordinal));
        return new FilterResult(kept, report);
    }

    /// <summary>Both sentences of each pair, for use as evaluation sentences.</summary>
    public static IEnumerable<string> SentencesOf(IEnumerable<ScoredPair> pairs) =>
        pairs.SelectMany(p => new[] { p.Sentence1, p.Sentence2 });
}
