using FacetCL.Anchors;
using FacetCL.Data;
using FacetCL.Tests.Data;
using Xunit.Abstractions;

namespace FacetCL.Tests.Anchors;

/// <summary>Real NLI sentences: counts must add up; speed is printed, not asserted (the benchmark measures it).</summary>
public sealed class AnnotatorThroughputTests(ITestOutputHelper output) : IDisposable
{
    readonly TempDir dir = new();

    [Fact]
    public void AnnotatesRealMnliSentences()
    {
        var path = Path.Combine(DataRoot.Resolve(null), "nli", "mnli_dev", "dev.csv");
        var texts = NliReader.ReadCsv(path).SelectMany(p => new[] { p.Premise, p.Hypothesis }).Distinct().Take(300).ToList();
        var options = new AnnotatorOptions(CachePath: Path.Combine(dir.Path, "v1.db"));

        var cold = new Annotator(new TestLemmatizer(), options).Annotate(texts);
        output.WriteLine($"cold:   {cold.Stats}");
        var warm = new Annotator(new TestLemmatizer(), options).Annotate(texts);
        output.WriteLine($"cached: {warm.Stats}");

        Assert.Equal(texts.Count, cold.Stats.Unique);
        Assert.Equal(cold.Stats.Unique, cold.Stats.Parsed + cold.Stats.Fallback + cold.Stats.TimedOut);
        Assert.Equal(texts.Count, warm.Stats.CacheHits);
        Assert.True(cold.Stats.Parsed > texts.Count / 2, "most real sentences should parse");
        var withPredicate = cold.Annotations.Count(a => a.Frame.Predicate is not null);
        output.WriteLine($"with predicate: {withPredicate}, with subject: {cold.Annotations.Count(a => a.Frame.Subject is not null)}, with object: {cold.Annotations.Count(a => a.Frame.Object is not null)}");
        foreach (var a in cold.Annotations.Take(15)) output.WriteLine($"{a.Status} {a.Frame.Subject} | {a.Frame.Predicate} | {a.Frame.Object} [{string.Join(",", a.Frame.Attributes)}] neg={a.Frame.Negated} {a.Frame.Tense}  ← {a.Text}");
    }

    public void Dispose() => dir.Dispose();
}
