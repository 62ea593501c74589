using System.Collections.Concurrent;
using System.Diagnostics;

namespace FacetCL.Anchors;

/// <summary>Settings of <see cref="Annotator"/>.</summary>
/// <param name="TimeLimit">per-sentence parse limit (default 2 s); a text over it gets a fallback frame and is counted</param>
/// <param name="Threads">parallel parsers (default: all cores)</param>
/// <param name="CachePath">SQLite cache file (default <see cref="AnnotationCache.DefaultPath"/>); <see cref="UseCache"/> false skips it</param>
/// <param name="ExtractorVersion">cache key part that names the extraction rules (default <see cref="FrameExtractor.Version"/>)</param>
public sealed record AnnotatorOptions(
    TimeSpan? TimeLimit = null,
    int? Threads = null,
    string? CachePath = null,
    bool UseCache = true,
    string? ExtractorVersion = null)
{
    public TimeSpan EffectiveTimeLimit => TimeLimit ?? TimeSpan.FromSeconds(2);
    public int EffectiveThreads => Math.Max(1, Threads ?? Environment.ProcessorCount);
}

/// <summary>What an annotation run did. <see cref="SentencesPerSecond"/> counts unique texts over the wall time.</summary>
public sealed record AnnotationStats(int Texts, int Unique, int Parsed, int Fallback, int TimedOut, int CacheHits, double Seconds)
{
    public double SentencesPerSecond => Seconds > 0 ? Unique / Seconds : 0;

    public override string ToString() =>
        $"{Texts} texts, {Unique} unique: {Parsed} parsed, {Fallback} fallback, {TimedOut} timed out, {CacheHits} from cache; {Seconds:F1} s, {SentencesPerSecond:F1} sentences/s";
}

/// <summary>Annotations in input order (duplicates share one) and the run's figures.</summary>
public sealed record AnnotationRun(IReadOnlyList<Annotation> Annotations, AnnotationStats Stats);

/// <summary>
/// Annotates many texts: each unique text once, from the cache when it holds it, else parsed in
/// parallel (one parser, thus one set of Link Grammar parse options, per worker) and stored back in
/// batches. Status counts (parsed / fallback / timed out) include cached annotations.
/// </summary>
public sealed class Annotator(ILemmatizer lemmatizer, AnnotatorOptions? options = null, Func<ISyntacticParser>? parserFactory = null)
{
    const int BatchSize = 1000;
    readonly AnnotatorOptions options = options ?? new AnnotatorOptions();
    readonly Func<ISyntacticParser> parserFactory = parserFactory ?? (() => new LinkGrammarParser());
    readonly FrameExtractor extractor = new();

    /// <summary>Cache key version: extractor rules plus the lemmatiser, since both shape the stored frames.</summary>
    public string CacheVersion => $"{options.ExtractorVersion ?? FrameExtractor.Version}|{lemmatizer.GetType().FullName}";

    /// <param name="progress">receives the number of unique texts done so far</param>
    public AnnotationRun Annotate(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var clock = Stopwatch.StartNew();
        var unique = texts.Distinct(StringComparer.Ordinal).ToList();
        var done = new Dictionary<string, Annotation>(unique.Count, StringComparer.Ordinal);
        var limit = options.EffectiveTimeLimit;
        using var cache = options.UseCache ? new AnnotationCache(options.CachePath ?? AnnotationCache.DefaultPath) : null;

        var todo = new List<string>();
        foreach (var t in unique)
        {
            if (cache?.Get(t, CacheVersion, limit) is { } hit) done[t] = hit;
            else todo.Add(t);
        }
        var hits = done.Count;
        progress?.Report(hits);

        // Parsers live for the whole run: creating one is cheap, but dropping the last one frees the
        // shared dictionary, which then costs a reload.
        var pool = new ConcurrentBag<ISyntacticParser>();
        try
        {
            for (var start = 0; start < todo.Count; start += BatchSize)
            {
                cancel.ThrowIfCancellationRequested();
                var batch = todo.GetRange(start, Math.Min(BatchSize, todo.Count - start));
                var before = done.Count;
                var results = ParseAll(batch, limit, pool, cancel, n => progress?.Report(before + n));
                for (var i = 0; i < batch.Count; i++) done[batch[i]] = results[i];
                cache?.PutAll(results, CacheVersion, limit);
                progress?.Report(done.Count);
            }
        }
        finally
        {
            foreach (var p in pool) p.Dispose();
        }

        var values = done.Values;
        var stats = new AnnotationStats(texts.Count, unique.Count,
            values.Count(a => a.Status == AnnotationStatus.Parsed),
            values.Count(a => a.Status == AnnotationStatus.Fallback),
            values.Count(a => a.Status == AnnotationStatus.TimedOut),
            hits, clock.Elapsed.TotalSeconds);
        return new AnnotationRun(texts.Select(t => done[t]).ToList(), stats);
    }

    Annotation[] ParseAll(List<string> batch, TimeSpan limit, ConcurrentBag<ISyntacticParser> pool, CancellationToken cancel, Action<int> report)
    {
        var results = new Annotation[batch.Count];
        var finished = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.EffectiveThreads, CancellationToken = cancel };
        Parallel.For(0, batch.Count, parallel,
            () => pool.TryTake(out var p) ? p : parserFactory(),
            (i, _, parser) =>
            {
                results[i] = extractor.Extract(batch[i], parser.Parse(batch[i], limit), lemmatizer);
                var n = Interlocked.Increment(ref finished);
                if (n % 100 == 0) report(n);
                return parser;
            },
            pool.Add);
        return results;
    }
}
