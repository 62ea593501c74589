using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace FacetCL.Bench;

/// <summary>The Markdown summary of a benchmark's results (printed, and kept in the README).</summary>
public static class BenchReport
{
    public static string Markdown(JsonObject r)
    {
        var sb = new StringBuilder();
        var settings = r["settings"]!;
        var seeds = string.Join(", ", settings["seeds"]!.AsArray().Select(s => s!.ToString()));
        sb.AppendLine(CultureInfo.InvariantCulture, $"Base model `{settings["base_model"]}`, {settings["steps"]} steps × {settings["batch_size"]} triplets per arm, seeds {seeds}, {r["data"]!["training_triplets"]} training triplets; {r["machine"]!["cores"]} cores, {r["machine"]!["cpu"]}.");
        sb.AppendLine();
        var sets = r["base"]!.AsObject().Select(kv => kv.Key).ToList();
        sb.AppendLine("| model | " + string.Join(" | ", sets.Select(s => $"{s} Spearman (mean ± std, min–max)")) + " | vs baseline | triplets/s | step time ratio |");
        sb.AppendLine("|---|" + string.Concat(sets.Select(_ => "---|")) + "---|---|---|");
        sb.AppendLine("| base (no training) | " + string.Join(" | ", sets.Select(s => F(r["base"]![s]!["spearman"]))) + " | | | |");
        foreach (var (arm, node) in r["summary"]!.AsObject())
        {
            var q = node!["quality"]!;
            var verdict = r["comparison"]![$"{arm}_vs_baseline"] is JsonObject cmp
                ? string.Join("; ", sets.Select(s => $"{cmp[s]!["verdict"]} ({Signed(cmp[s]!["delta_spearman"])})"))
                : "—";
            var ratio = arm == BenchArm.Baseline.Name ? "1" : F(node["step_time_ratio_to_baseline"], "F3");
            sb.AppendLine($"| {arm} | " + string.Join(" | ", sets.Select(s => $"{F(q[s]!["spearman_mean"])} ± {F(q[s]!["spearman_std"])} ({F(q[s]!["spearman_min"])}–{F(q[s]!["spearman_max"])})"))
                + $" | {verdict} | {F(node["training_triplets_per_second"], "F1")} | {ratio} |");
        }
        sb.AppendLine();
        foreach (var (name, cmp) in r["comparison"]!.AsObject().Where(kv => !kv.Key.EndsWith("_vs_baseline", StringComparison.Ordinal)))
            sb.AppendLine($"- Ablation {name.Replace("_vs_", " vs ", StringComparison.Ordinal)}: " + string.Join("; ", sets.Select(s =>
                $"{s} {Signed(cmp![s]!["delta_spearman"])} (seed spread {F(cmp[s]!["spread"])}): {cmp[s]!["verdict"]}")) + ".");
        if (r["anchors"] is JsonObject anchors)
        {
            var perStep = string.Join(", ", r["summary"]!.AsObject().Select(kv =>
                $"{kv.Key} {F(kv.Value!["extra_positives_per_step"])} extra positives, {F(kv.Value!["masked_negatives_per_step"])} masked negatives"));
            sb.AppendLine($"- Anchors over the training texts: {anchors["anchors"]} anchors, {Percent(anchors["singleton_share"])} singletons, coverage {Percent(anchors["coverage"])} ({anchors["seconds"]} s to annotate and build); per step: {perStep}.");
        }
        var e = r["encode"]!;
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Encode throughput ({e["sentences"]} STS-B test sentences, batch {e["batch_size"]}, max {e["max_length"]} tokens): facetcl {F(e["facetcl_sentences_per_second"], "F1")} sentences/s, ONNX Runtime {F(e["onnxruntime_sentences_per_second"], "F1")} sentences/s (ratio {F(e["facetcl_to_onnxruntime_ratio"], "F2")}).");
        var g = r["gemm"]!;
        var achieved = string.Join(", ", r["summary"]!.AsObject().Select(kv =>
            $"{kv.Key} {F(kv.Value!["achieved_gflops"], "F1")} GFLOP/s ({(100 * (double)kv.Value!["gemm_fraction"]!).ToString("F1", CultureInfo.InvariantCulture)} %)"));
        sb.AppendLine($"- float32 GEMM ({g["n"]}²): {F(g["gflops"], "F1")} GFLOP/s; training achieved {achieved} (matrix multiplies only, padding counted, backward = 2 × forward).");
        sb.AppendLine("- Mean padded length per step: " + string.Join(", ", r["summary"]!.AsObject().Select(kv => $"{kv.Key} {F(kv.Value!["mean_padded_length"], "F1")}")) + " tokens.");
        sb.AppendLine("- Peak resident memory (MB) by phase: " + string.Join(", ", r["peak_resident_mb"]!.AsObject().Select(kv => $"{kv.Key} {kv.Value}")) + ".");
        var a = r["annotation"]!;
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Annotation (Link Grammar parse + frame, {a["threads"]} threads) of {a["sentences"]} training texts: {F(a["cold_sentences_per_second"], "F1")} sentences/s cold, {F(a["cached_sentences_per_second"], "F0")} sentences/s cached ({a["fallback"]} fallback, {a["timed_out"]} timed out).");
        return sb.ToString();
    }

    static string F(JsonNode? n, string format = "F2") => n is null ? "—" : ((double)n).ToString(format, CultureInfo.InvariantCulture);

    static string Percent(JsonNode? n) => n is null ? "—" : (100 * (double)n).ToString("F1", CultureInfo.InvariantCulture) + " %";

    static string Signed(JsonNode? n) => n is null ? "—" : ((double)n).ToString("+0.00;−0.00;0.00", CultureInfo.InvariantCulture);
}
