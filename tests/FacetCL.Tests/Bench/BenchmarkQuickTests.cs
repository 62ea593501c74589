using System.Text.Json.Nodes;
using FacetCL.Bench;
using FacetCL.Tests.Data;
using Xunit.Abstractions;

namespace FacetCL.Tests.Bench;

/// <summary>The benchmark's quick mode on a tiny model: every field present and in its valid range.</summary>
public class BenchmarkQuickTests(ITestOutputHelper output)
{
    [Fact]
    public void QuickRunFillsEveryFieldWithValidValues()
    {
        using var dir = new TempDir();
        var bench = new Benchmark(new BenchOptions { Quick = true, Ablations = true, Steps = 8, BatchSize = 8, BlockSteps = 2, OutputDir = dir.Path }, output.WriteLine);
        var r = bench.Run();
        var path = bench.Save(r);
        Assert.True(File.Exists(path));
        Assert.Equal(r.ToJsonString(), JsonNode.Parse(File.ReadAllText(path))!.ToJsonString());
        output.WriteLine(BenchReport.Markdown(r));

        static double D(JsonNode? n) => (double)n!;
        foreach (var key in new[] { "machine", "settings", "arms", "data", "gemm", "base", "per_seed", "summary", "comparison", "step_time_ratio_facetcl_to_baseline", "encode", "annotation", "anchors", "peak_resident_mb", "flop_convention", "wall_seconds" })
            Assert.True(r.ContainsKey(key), $"results lack '{key}'");
        Assert.InRange(D(r["base"]!["stsb_test"]!["spearman"]), -100, 100);
        Assert.True(D(r["gemm"]!["gflops"]) > 0);
        Assert.True(D(r["step_time_ratio_facetcl_to_baseline"]) > 0);
        Assert.Equal(2, r["per_seed"]!.AsArray().Count);
        foreach (var arm in new[] { "baseline", "facetcl", "facetcl-no-anchors" })
        {
            var s = r["summary"]![arm]!;
            var q = s["quality"]!["stsb_test"]!;
            Assert.InRange(D(q["spearman_mean"]), -100, 100);
            Assert.True(D(q["spearman_std"]) >= 0);
            Assert.True(D(q["spearman_min"]) <= D(q["spearman_max"]));
            Assert.True(D(s["training_triplets_per_second"]) > 0);
            Assert.True(D(s["step_time_ratio_to_baseline"]) > 0);
            Assert.InRange(D(s["gemm_fraction"]), 1e-6, 1.0);
            foreach (var seed in r["per_seed"]!.AsArray()) Assert.True(D(seed![arm]!["final_loss"]) > 0);
        }
        var verdict = (string)r["comparison"]!["facetcl_vs_baseline"]!["stsb_test"]!["verdict"]!;
        Assert.Contains(verdict, new[] { "no difference", "better", "worse" });
        Assert.True(D(r["encode"]!["facetcl_sentences_per_second"]) > 0);
        Assert.True(D(r["encode"]!["onnxruntime_sentences_per_second"]) > 0);
        foreach (var (_, mb) in r["peak_resident_mb"]!.AsObject()) Assert.True(D(mb) > 0);
        Assert.Equal(40, (int)r["annotation"]!["sentences"]!);
        Assert.True(D(r["annotation"]!["cold_sentences_per_second"]) > 0);
        Assert.True(D(r["annotation"]!["cached_sentences_per_second"]) > D(r["annotation"]!["cold_sentences_per_second"]));

        // The two arms trained differently: facetcl's length-bucketed batches carry less padding
        // than the baseline's shuffled ones, and the arms' recipes are recorded as different.
        Assert.True(D(r["summary"]!["facetcl"]!["mean_padded_length"]) < D(r["summary"]!["baseline"]!["mean_padded_length"]));
        // Anchoring ran once for the arms that use it; only the facetcl arm trains with anchor identity.
        Assert.True((int)r["anchors"]!["anchors"]! > 0);
        Assert.True(D(r["peak_resident_mb"]!["anchors"]) > 0);
        foreach (var arm in new[] { "baseline", "facetcl-no-anchors" })
        {
            Assert.Equal(0.0, D(r["summary"]![arm]!["extra_positives_per_step"]));
            Assert.Equal(0.0, D(r["summary"]![arm]!["masked_negatives_per_step"]));
        }
        Assert.True(D(r["summary"]!["facetcl"]!["extra_positives_per_step"]) >= 0);
        Assert.Contains("anchors.enabled=false", r["arms"]!.AsArray().Single(a => (string)a!["name"]! == "facetcl-no-anchors")!["overrides"]!.AsArray().Select(o => (string)o!));
        // The semantic tensor: prepared once; the facetcl arm trains its five terms and reports the factor metrics, its ablation arm neither.
        Assert.True((int)r["semantic_tensor"]!["training_texts"]! > 0);
        var facetcl = r["per_seed"]![0]!["facetcl"]!;
        Assert.Equal(5, facetcl["loss_terms_last_10"]!.AsObject().Count);
        Assert.InRange(D(facetcl["factor_metrics"]!["factor_orthogonality_index"]), 0, 1);
        Assert.InRange(D(facetcl["factor_metrics"]!["factor_probe_accuracy"]), 0, 1);
        Assert.Null(r["per_seed"]![0]!["facetcl-no-semantic_tensor"]!["factor_metrics"]);
        Assert.Null(r["per_seed"]![0]!["baseline"]!["loss_terms_last_10"]);
        var arms = r["arms"]!.AsArray();
        Assert.NotEqual(arms[0]!["sampler"]!.ToString(), arms[1]!["sampler"]!.ToString());
        // Training moved the weights: a trained arm scores differently from the untouched model.
        Assert.NotEqual(D(r["base"]!["stsb_test"]!["spearman"]), D(r["per_seed"]![0]!["facetcl"]!["quality"]!["stsb_test"]!["spearman"]));
    }

    [Fact]
    public void SameSeedGivesTheSameQualityNumbers()
    {
        using var dir = new TempDir();
        var r = new Benchmark(new BenchOptions { Quick = true, Seeds = [7, 7], Steps = 4, BatchSize = 8, BlockSteps = 2, OutputDir = dir.Path }, _ => { }).Run();
        var seeds = r["per_seed"]!.AsArray();
        foreach (var arm in new[] { "baseline", "facetcl" })
            Assert.Equal(seeds[0]![arm]!["quality"]!.ToJsonString(), seeds[1]![arm]!["quality"]!.ToJsonString());
        Assert.Equal(0.0, (double)r["summary"]!["facetcl"]!["quality"]!["stsb_test"]!["spread"]!);
    }
}
