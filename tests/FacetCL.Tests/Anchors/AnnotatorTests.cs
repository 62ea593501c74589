using FacetCL.Anchors;
using FacetCL.Tests.Data;

namespace FacetCL.Tests.Anchors;

public sealed class AnnotatorTests : IDisposable
{
    readonly TempDir dir = new();
    static readonly string[] Texts =
    [
        "The dog chased the cat.", "The cat was chased by the dog.", "The sky is blue.", "The dog chased the cat.",
        "The patient has had a persistent low fever for three days.", "", "asdf qwer zxcv!!", "She never eats meat.",
        "The students will visit Paris next week.", "A man in a hat.",
    ];

    string Db => Path.Combine(dir.Path, "cache", "v1.db");

    static List<string> Json(AnnotationRun run) => run.Annotations.Select(AnnotationJson.Serialize).ToList();

    [Fact]
    public void ReturnsInputOrderAndCountsUniqueTexts()
    {
        var run = new Annotator(new TestLemmatizer(), new AnnotatorOptions(UseCache: false, Threads: 2)).Annotate(Texts);
        Assert.Equal(Texts, run.Annotations.Select(a => a.Text));
        Assert.Equal(Texts.Length, run.Stats.Texts);
        Assert.Equal(Texts.Length - 1, run.Stats.Unique);
        Assert.Equal(run.Stats.Unique, run.Stats.Parsed + run.Stats.Fallback + run.Stats.TimedOut);
        Assert.True(run.Stats.Parsed >= 6);
        Assert.Equal(0, run.Stats.CacheHits);
    }

    [Fact]
    public void SecondRunComesFromTheCacheUnchanged()
    {
        var options = new AnnotatorOptions(CachePath: Db);
        var first = new Annotator(new TestLemmatizer(), options).Annotate(Texts);
        var second = new Annotator(new TestLemmatizer(), options).Annotate(Texts);
        Assert.Equal(first.Stats.Unique, second.Stats.CacheHits);
        Assert.Equal(Json(first), Json(second));
        Assert.Equal(first.Annotations.Select(a => a.Frame), second.Annotations.Select(a => a.Frame));

        var changed = new Annotator(new TestLemmatizer(), options with { ExtractorVersion = "another-extractor" }).Annotate(Texts);
        Assert.Equal(0, changed.Stats.CacheHits);
    }

    [Fact]
    public void TimedOutEntriesAreRetriedUnderALongerLimit()
    {
        string[] texts = [LinkGrammarParserTests.LongSentence];
        var options = new AnnotatorOptions(CachePath: Db, TimeLimit: TimeSpan.FromMilliseconds(1));
        var first = new Annotator(new TestLemmatizer(), options).Annotate(texts);
        Assert.Equal(1, first.Stats.TimedOut);
        Assert.Equal(1, new Annotator(new TestLemmatizer(), options).Annotate(texts).Stats.CacheHits);
        var longer = new Annotator(new TestLemmatizer(), options with { TimeLimit = TimeSpan.FromSeconds(10) }).Annotate(texts);
        Assert.Equal(0, longer.Stats.CacheHits);
    }

    [Fact]
    public void ParallelEqualsSequential()
    {
        var sequential = new Annotator(new TestLemmatizer(), new AnnotatorOptions(UseCache: false, Threads: 1)).Annotate(Texts);
        var parallel = new Annotator(new TestLemmatizer(), new AnnotatorOptions(UseCache: false, Threads: 4)).Annotate(Texts);
        Assert.Equal(Json(sequential), Json(parallel));
    }

    [Fact]
    public void JsonRoundTrips()
    {
        var run = new Annotator(new TestLemmatizer(), new AnnotatorOptions(UseCache: false)).Annotate(Texts);
        foreach (var a in run.Annotations)
        {
            var back = AnnotationJson.Deserialize(AnnotationJson.Serialize(a));
            Assert.Equal(a.Frame, back.Frame);
            Assert.Equal(a.Words, back.Words);
            Assert.Equal(a.Status, back.Status);
        }
    }

    public void Dispose() => dir.Dispose();
}
