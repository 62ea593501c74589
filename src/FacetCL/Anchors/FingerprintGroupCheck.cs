using System.Globalization;
using System.Text;

namespace FacetCL.Anchors;

/// <summary>One sentence of a checked group: its fingerprint and slots, or why it has none.</summary>
public sealed record SentenceFingerprint(string Sentence, string? Id, CanonicalSlots? Slots, string? Error);

/// <summary>A checked group: passed when a <c>same</c> group has one ID, or a <c>different</c> pair has two.</summary>
public sealed record GroupOutcome(FingerprintGroup Group, bool Passed, IReadOnlyList<SentenceFingerprint> Sentences);

/// <summary>Pass counts of one kind or category.</summary>
public sealed record PassRate(string Name, int Passed, int Total)
{
    public double Rate => Total == 0 ? 0 : (double)Passed / Total;
}

/// <summary>The outcome of <see cref="FingerprintGroupCheck.Run"/>: rates per kind and category and the failed groups.</summary>
public sealed record FingerprintGroupReport(IReadOnlyList<GroupOutcome> Outcomes)
{
    public PassRate Overall => new("all", Outcomes.Count(o => o.Passed), Outcomes.Count);

    public IReadOnlyList<PassRate> ByKind => Rates(o => o.Group.Kind == GroupKind.Same ? "same" : "different");

    public IReadOnlyList<PassRate> ByCategory => Rates(o => o.Group.Category);

    public IReadOnlyList<GroupOutcome> Failures => Outcomes.Where(o => !o.Passed).ToList();

    private List<PassRate> Rates(Func<GroupOutcome, string> key) =>
        Outcomes.GroupBy(key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PassRate(g.Key, g.Count(o => o.Passed), g.Count())).ToList();

    /// <summary>A plain-text report: rates, then each failure with every sentence's ID and canonical text.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        void Line(PassRate r) => sb.AppendLine(CultureInfo.InvariantCulture, $"  {r.Name,-20} {r.Passed,4}/{r.Total,-4} {r.Rate:P1}");
        sb.AppendLine("fingerprint groups:");
        Line(Overall);
        sb.AppendLine("by kind:");
        ByKind.ToList().ForEach(Line);
        sb.AppendLine("by category:");
        ByCategory.ToList().ForEach(Line);
        foreach (var f in Failures)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"FAIL {f.Group.Id} ({f.Group.Kind}, {f.Group.Category})");
            foreach (var s in f.Sentences)
            {
                var what = s.Error ?? $"{s.Id}  {Fingerprint.CanonicalText(s.Slots!)}  {Fingerprint.Serialize(s.Slots!)}";
                sb.AppendLine(CultureInfo.InvariantCulture, $"  {s.Sentence}\n    {what}");
            }
        }
        return sb.ToString();
    }
}

/// <summary>
/// Checks fingerprint test groups end to end for any frame source: the real parser +
/// <c>FrameExtractor</c>, or a fake in unit tests. A sentence whose frame function throws fails its group
/// (with the message) instead of stopping the run, so one bad parse does not hide the other results.
/// </summary>
public static class FingerprintGroupCheck
{
    public static FingerprintGroupReport Run(IEnumerable<FingerprintGroup> groups, Func<string, SemanticFrame> frameOf, Canonicalizer canonicalizer)
    {
        var outcomes = new List<GroupOutcome>();
        foreach (var g in groups)
        {
            var sentences = g.Sentences.Select(s => Fingerprinted(s, frameOf, canonicalizer)).ToList();
            bool ok = sentences.All(s => s.Id is not null);
            int distinct = sentences.Select(s => s.Id).Distinct(StringComparer.Ordinal).Count();
            bool passed = ok && (g.Kind == GroupKind.Same ? distinct == 1 : distinct == sentences.Count);
            outcomes.Add(new GroupOutcome(g, passed, sentences));
        }
        return new FingerprintGroupReport(outcomes);
    }

    private static SentenceFingerprint Fingerprinted(string sentence, Func<string, SemanticFrame> frameOf, Canonicalizer canonicalizer)
    {
        try
        {
            var slots = canonicalizer.Canonicalize(frameOf(sentence));
            return new SentenceFingerprint(sentence, Fingerprint.Of(slots), slots, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new SentenceFingerprint(sentence, null, null, $"{e.GetType().Name}: {e.Message}");
        }
    }
}
