using System.Text.Json.Nodes;
using FacetCL.Bench;
using FacetCL.Tests.Data;
using Xunit.Abstractions;

namespace FacetCL.Tests.Bench;

/// <summary><c>facetcl bench diagnostics-scale --quick</c> end to end: every field present, in its valid range, and the metrics where the synthetic recipe puts them.</summary>
public class DiagnosticsScaleQuickTests(ITestOutputHelper output)
{
    [Fact]
    public void QuickRunWritesEveryFieldWithSaneValues()
    {
        using var dir = new TempDir();
        var run = CliRunner.Run(dir.Path, "bench", "diagnostics-scale", "--quick", "--out", dir.Path);
        output.WriteLine(run.Stdout);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var file = Assert.Single(Directory.GetFiles(dir.Path, "diagnostics-scale-*-quick.json"));
        var r = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        Assert.Contains("| separation |", run.Stdout);
        Assert.Contains("Synthetic clustered data", run.Stdout);

        static double D(JsonNode? n) => (double)n!;
        foreach (var key in new[] { "benchmark", "mode", "started_utc", "machine", "data", "settings", "phases", "metrics_seconds", "peak_resident_mb", "memory_limit_mb", "within_memory_limit", "wall_seconds" })
            Assert.True(r.ContainsKey(key), $"results lack '{key}'");
        Assert.Equal("quick", (string)r["mode"]!);
        var data = r["data"]!;
        Assert.Equal(DiagnosticsScaleOptions.QuickRows, (int)data["rows"]!);
        Assert.Equal(DiagnosticsScaleOptions.QuickAnchors, (int)data["anchors"]!);
        Assert.Equal(384, (int)data["dim"]!);
        Assert.StartsWith("synthetic clustered", (string)data["kind"]!);

        var phases = r["phases"]!.AsObject();
        var expected = new[] { "generate", "anchor_groups", "compactness", "separation", "alignment", "uniformity", "anisotropy", "effective_rank_sample", "effective_rank_exact", "factor_orthogonality" };
        Assert.Equal(expected, phases.Select(p => p.Key).ToArray());
        foreach (var (name, p) in phases)
        {
            Assert.True(D(p!["seconds"]) >= 0, name);
            Assert.True(D(p["cpu_seconds"]) >= 0, name);
            Assert.True(D(p["peak_resident_mb"]) > 0, name);
            Assert.True(D(p["peak_resident_mb"]) <= D(r["peak_resident_mb"]), name);
        }
        Assert.Equal(phases.Max(p => D(p.Value!["peak_resident_mb"])), D(r["peak_resident_mb"]), 6);
        Assert.True((bool)r["within_memory_limit"]!);
        Assert.True(D(r["wall_seconds"]) >= D(r["metrics_seconds"]));

        Assert.Equal(1000, (int)phases["anchor_groups"]!["anchors"]!);
        Assert.Equal(20_000, (int)phases["anchor_groups"]!["members"]!);
        var s = phases["separation"]!;
        Assert.Equal(1000L * 999 / 2, (long)s["pairs"]!);
        Assert.True(0 < D(s["min"]) && D(s["min"]) <= D(s["p5"]) && D(s["p5"]) <= D(s["mean"]) && D(s["mean"]) <= 2);
        Assert.True((int)s["passes"]! >= 1);

        // The recipe, by hand: a member is normalise(c + σz/√d) with σ = 0.6, so two members of one
        // anchor have cosine ≈ 1/(1 + σ²) and E‖x − y‖² ≈ 2 − 2/(1 + σ²) = 0.529. Centres share the
        // direction u with weight 0.4: cos(c_a, c_b) ≈ 0.16/1.16, and members ≈ that / (1 + σ²).
        const double sigma2 = 0.36;
        Assert.InRange(D(phases["alignment"]!["value"]), 2 - 2 / (1 + sigma2) - 0.01, 2 - 2 / (1 + sigma2) + 0.01);
        Assert.InRange(D(phases["anisotropy"]!["value"]), 0.16 / 1.16 / (1 + sigma2) - 0.01, 0.16 / 1.16 / (1 + sigma2) + 0.01);
        // Members sit much closer to their centroid than random pairs to each other.
        Assert.InRange(D(phases["compactness"]!["value"]), 0.01, 0.5);
        Assert.True(D(phases["alignment"]!["value"]) < 2 - 2 * D(phases["anisotropy"]!["value"]));
        Assert.InRange(D(phases["uniformity"]!["value"]), -4, 0);
        foreach (var name in new[] { "alignment", "uniformity", "anisotropy" })
            Assert.True(D(phases[name]!["standard_error"]) > 0, name);

        // 20,000 rows ≤ the 20,000-row sample: both effective ranks see every row and must agree.
        var sampled = phases["effective_rank_sample"]!;
        var exact = phases["effective_rank_exact"]!;
        Assert.False((bool)sampled["sampled"]!);
        Assert.Equal(20_000, (int)exact["rows"]!);
        Assert.InRange(D(exact["value"]), 300, 384);
        Assert.Equal(D(sampled["value"]), D(exact["value"]), 4);

        // Factors share a component of weight 0.5: E cos ≈ 0.25/1.25 = 0.2, so mean |cos| a bit above.
        var f = phases["factor_orthogonality"]!;
        Assert.InRange(D(f["value"]), 0.15, 0.35);
        var m = f["matrix"]!.AsArray();
        Assert.Equal(5, m.Count);
        for (var a = 0; a < 5; a++)
        {
            Assert.Equal(1.0, D(m[a]![a]), 6);
            for (var b = 0; b < 5; b++) Assert.Equal(D(m[a]![b]), D(m[b]![a]), 9);
        }
    }

    [Fact]
    public void SyntheticClustersAreSeededNormalisedAndBalanced()
    {
        var spec = new SyntheticClusterSpec(Rows: 1000, Dim: 16, Anchors: 30, Seed: 5);
        var a = SyntheticClusters.Generate(spec);
        var b = SyntheticClusters.Generate(spec);
        Assert.Equal(a.Embeddings.Data, b.Embeddings.Data);
        Assert.Equal(a.AnchorIds, b.AnchorIds);
        Assert.Equal(a.Factors[4].Data, b.Factors[4].Data);
        Assert.NotEqual(a.Embeddings.Data, SyntheticClusters.Generate(spec with { Seed = 6 }).Embeddings.Data);
        for (var i = 0; i < 1000; i++)
            Assert.Equal(1.0, Math.Sqrt(FacetCL.Diagnostics.VectorMath.Dot(a.Embeddings.Row(i), a.Embeddings.Row(i))), 5);
        // 1000 rows over 30 anchors: 33 or 34 each.
        Assert.All(a.AnchorIds.GroupBy(id => id), g => Assert.InRange(g.Count(), 33, 34));
        Assert.Equal(30, a.AnchorIds.Distinct().Count());
        Assert.Equal(5, a.Factors.Count);
        Assert.All(a.Factors, m => Assert.Equal((1000, 32), (m.Rows, m.Dim)));
        Assert.Throws<ArgumentException>(() => SyntheticClusters.Generate(spec with { Anchors = 501 }));
    }
}
