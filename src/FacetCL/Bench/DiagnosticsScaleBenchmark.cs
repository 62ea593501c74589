using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FacetCL.Diagnostics;

namespace FacetCL.Bench;

/// <summary>Settings of <see cref="DiagnosticsScaleBenchmark"/>.</summary>
public sealed record DiagnosticsScaleOptions
{
    public const int DefaultRows = 1_000_000, DefaultDim = 384, DefaultAnchors = 50_000;
    public const int QuickRows = 20_000, QuickAnchors = 1_000;

    public bool Quick { get; init; }
    public int Rows { get; init; } = DefaultRows;
    public int Dim { get; init; } = DefaultDim;
    public int Anchors { get; init; } = DefaultAnchors;
    public int Seed { get; init; } = 20231;

    /// <summary>Centroid rows per chunk of the pairwise distances (separation).</summary>
    public int ChunkRows { get; init; } = 512;

    /// <summary>Random pairs for uniformity and anisotropy, and positive pairs for alignment.</summary>
    public int Pairs { get; init; } = 100_000;

    /// <summary>Rows of the sampled effective rank (as <c>diagnose</c> does).</summary>
    public int RankSampleRows { get; init; } = 20_000;

    /// <summary>Rows per chunk of the exact effective rank (TSQR) and of the factor orthogonality.</summary>
    public int RowChunk { get; init; } = 4096;

    /// <summary>The memory the benchmark must stay under (the issue's 8 GiB).</summary>
    public double MemoryLimitMb { get; init; } = 8 * 1024;

    public string OutputDir { get; init; } = Path.Combine("bench", "results");
}

/// <summary>
/// The task-free diagnostics at scale: on seeded synthetic clustered embeddings
/// (<see cref="SyntheticClusters"/>; 1,000,000 × 384 float32 with 50,000 anchors by default) it
/// runs every metric that needs only embeddings, anchor ids and factor vectors, each as a timed
/// phase with its own peak resident memory (Linux VmHWM, reset per phase: <see cref="PhaseMemory"/>);
/// the whole run's peak is the largest of them. The embeddings are held once, as float32.
/// </summary>
public sealed class DiagnosticsScaleBenchmark(DiagnosticsScaleOptions options, Action<string> log)
{
    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public JsonObject Run()
    {
        var wall = Stopwatch.StartNew();
        var startupPeak = PhaseMemory.PeakMb();
        var spec = new SyntheticClusterSpec(options.Rows, options.Dim, options.Anchors, options.Seed);
        var phases = new JsonObject();
        var results = new JsonObject
        {
            ["benchmark"] = "diagnostics at scale",
            ["mode"] = options.Quick ? "quick" : "default",
            ["started_utc"] = DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture),
            ["machine"] = Machine(),
            ["data"] = spec.ToJson(),
            ["settings"] = new JsonObject
            {
                ["chunk_rows"] = options.ChunkRows,
                ["pairs"] = options.Pairs,
                ["rank_sample_rows"] = options.RankSampleRows,
                ["row_chunk"] = options.RowChunk,
                ["precision"] = "float32 embeddings; every sum, distance and decomposition in float64",
            },
        };

        // Each phase: reset the peak, run, record seconds and the phase's peak resident memory.
        T Phase<T>(string name, string description, Func<T> run, Func<T, JsonObject> describe)
        {
            log($"{name}: {description}");
            PhaseMemory.ResetPeak();
            var cpu = CpuSeconds();
            var clock = Stopwatch.StartNew();
            var value = run();
            var seconds = clock.Elapsed.TotalSeconds;
            var o = describe(value);
            o["seconds"] = Math.Round(seconds, 3);
            o["cpu_seconds"] = Math.Round(CpuSeconds() - cpu, 3);
            o["peak_resident_mb"] = PhaseMemory.PeakMb();
            o["what"] = description;
            phases[name] = o;
            log($"{name}: {seconds:F1} s, peak {o["peak_resident_mb"]} MB");
            return value;
        }

        var data = Phase("generate", $"seeded synthetic clustered data: {spec.Rows:N0} × {spec.Dim} float32, {spec.Anchors:N0} anchors, {spec.Factors} × {spec.FactorDim}-d factor vectors",
            () => SyntheticClusters.Generate(spec), d => new JsonObject { ["rows"] = d.Embeddings.Rows, ["dim"] = d.Embeddings.Dim });
        var x = data.Embeddings; // already L2-normalised

        var groups = Phase("anchor_groups", "members and centroids of anchors with >= 2 rows",
            () => AnchorGroups.Of(x, data.AnchorIds, minMembers: 2), g => new JsonObject { ["anchors"] = g.Count, ["members"] = g.Members.Sum(m => m.Length) });

        Phase("compactness", "mean cosine distance of members to their centroid (and mean per-dimension std), one pass",
            () => Compactness.Of(x, groups), c => new JsonObject { ["value"] = Num(c.CosineDistance), ["mean_std"] = Num(c.MeanStd), ["anchors"] = c.Anchors, ["members"] = c.Members });

        Phase("separation", $"min, exact 5th percentile and mean of all centroid distances, chunks of {options.ChunkRows} centroids",
            () => Separation.OfCentroids(groups.Centroids, options.ChunkRows),
            s => new JsonObject { ["min"] = Num(s.Min), ["p5"] = Num(s.P5), ["mean"] = Num(s.Mean), ["anchors"] = s.Anchors, ["pairs"] = s.Pairs, ["passes"] = s.Passes });

        Phase("alignment", $"mean squared distance of {options.Pairs:N0} seeded same-anchor pairs",
            () => AlignmentUniformity.Alignment(x, RandomPairs.DrawWithinGroups(groups.Members, options.Pairs, options.Seed)), EstimateJson);

        var sample = RandomPairs.Draw(x.Rows, options.Pairs, options.Seed);
        Phase("uniformity", $"log mean exp(-2 d^2) over {sample.Count:N0} seeded random distinct pairs",
            () => AlignmentUniformity.Uniformity(x, sample), EstimateJson);
        Phase("anisotropy", "mean cosine of the same random pairs",
            () => Anisotropy.Of(x, sample), EstimateJson);

        Phase("effective_rank_sample", $"RankMe from the SVD of a seeded sample of {Math.Min(options.RankSampleRows, x.Rows):N0} rows (as diagnose)",
            () => EffectiveRank.Of(x, options.RankSampleRows, options.Seed), RankJson);
        Phase("effective_rank_exact", $"RankMe of all rows: sequential TSQR in chunks of {options.RowChunk} rows, then SVD of R",
            () => EffectiveRank.Exact(x, options.RowChunk), RankJson);

        Phase("factor_orthogonality", $"mean |cos| between the {spec.Factors} factors' vectors per row, chunks of {options.RowChunk} rows",
            () => FactorOrthogonality.PairMatrix(data.Factors, options.RowChunk), m =>
            {
                double total = 0;
                var pairs = 0;
                for (var a = 0; a < m.GetLength(0); a++)
                    for (var b = a + 1; b < m.GetLength(1); b++, pairs++) total += m[a, b];
                return new JsonObject
                {
                    ["value"] = Num(total / pairs),
                    ["factors"] = m.GetLength(0),
                    ["matrix"] = new JsonArray(Enumerable.Range(0, m.GetLength(0)).Select(a =>
                        (JsonNode?)new JsonArray(Enumerable.Range(0, m.GetLength(1)).Select(b => (JsonNode?)Num(m[a, b])).ToArray())).ToArray()),
                };
            });

        GC.KeepAlive(data);
        var peak = Math.Max(startupPeak, phases.Select(p => (double)p.Value!["peak_resident_mb"]!).Max());
        results["phases"] = phases;
        results["metrics_seconds"] = Math.Round(phases.Where(p => p.Key != "generate").Sum(p => (double)p.Value!["seconds"]!), 3);
        results["peak_resident_mb"] = peak;
        results["memory_limit_mb"] = options.MemoryLimitMb;
        results["within_memory_limit"] = peak < options.MemoryLimitMb;
        results["peak_note"] = "peak resident set size (VmHWM) per phase, reset at each phase's start; the run's peak is the largest (startup included); it includes the data held throughout";
        results["wall_seconds"] = Math.Round(wall.Elapsed.TotalSeconds, 1);
        results["machine"]!["load_average_end"] = LoadAverage();
        return results;
    }

    /// <summary>The machine, with the load average when the run began (other processes share the cores: compare seconds with cpu_seconds).</summary>
    static JsonObject Machine()
    {
        var m = MachineInfo.Describe();
        m["load_average_start"] = LoadAverage();
        return m;
    }

    /// <summary>The 1-minute load average (/proc/loadavg), or null where there is none.</summary>
    static double? LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>CPU time (user + system) of this process so far: all threads, so up to cores × wall seconds.</summary>
    static double CpuSeconds()
    {
        using var p = Process.GetCurrentProcess();
        return p.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>Writes the results atomically to <c>{output_dir}/diagnostics-scale-{timestamp}[-quick].json</c> and returns the path.</summary>
    public string Save(JsonObject results)
    {
        var stamp = DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var path = Path.Combine(options.OutputDir, $"diagnostics-scale-{stamp}{(options.Quick ? "-quick" : "")}.json");
        AtomicFile.WriteAllText(path, results.ToJsonString(Indented) + "\n");
        return path;
    }

    static JsonObject EstimateJson(Estimate e) => new()
    {
        ["value"] = Num(e.Value),
        ["standard_error"] = Num(e.StandardError),
        ["pairs"] = e.Samples,
        ["exact"] = e.Exact,
    };

    static JsonObject RankJson(EffectiveRankResult r) => new() { ["value"] = Num(r.Value), ["rows"] = r.Rows, ["sampled"] = r.Sampled };

    static JsonNode? Num(double v) => QualityDiagnostics.Num(v);
}
