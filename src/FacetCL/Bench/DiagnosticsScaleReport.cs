using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace FacetCL.Bench;

/// <summary>The Markdown summary of a <see cref="DiagnosticsScaleBenchmark"/> run (printed, and kept in the README).</summary>
public static class DiagnosticsScaleReport
{
    public static string Markdown(JsonObject r)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        var d = r["data"]!;
        var m = r["machine"]!;
        sb.AppendLine(inv, $"Synthetic clustered data (not a model's embeddings): {(int)d["rows"]!:N0} × {d["dim"]} float32 ({d["embedding_mib"]} MiB), {(int)d["anchors"]!:N0} anchors, {d["factors"]} × {d["factor_dim"]}-d factor vectors, seed {d["seed"]}; {m["cores"]} cores, {m["cpu"]}, LibTorch {m["libtorch"]}.");
        sb.AppendLine();
        sb.AppendLine("| phase | result | seconds | CPU seconds | peak resident MB |");
        sb.AppendLine("|---|---|---|---|---|");
        foreach (var (name, node) in r["phases"]!.AsObject())
            sb.AppendLine(inv, $"| {name} | {Result(name, node!)} | {F(node!["seconds"], "F1")} | {F(node["cpu_seconds"], "F1")} | {F(node["peak_resident_mb"], "F0")} |");
        sb.AppendLine();
        sb.AppendLine(inv, $"Metrics {F(r["metrics_seconds"], "F1")} s, whole run {F(r["wall_seconds"], "F1")} s (load average {F(m["load_average_start"], "F1")} at the start, {F(m["load_average_end"], "F1")} at the end); peak resident memory {F(r["peak_resident_mb"], "F0")} MB (limit {F(r["memory_limit_mb"], "F0")} MB: {((bool)r["within_memory_limit"]! ? "within" : "OVER")}).");
        return sb.ToString();
    }

    static string Result(string phase, JsonNode n) => FormattableString.Invariant(phase switch
    {
        "generate" => $"{(int)n["rows"]!:N0} × {n["dim"]}",
        "anchor_groups" => $"{(int)n["anchors"]!:N0} anchors, {(int)n["members"]!:N0} members",
        "compactness" => $"{F(n["value"], "F4")} (mean std {F(n["mean_std"], "F4")})",
        "separation" => $"min {F(n["min"], "F4")}, p5 {F(n["p5"], "F4")}, mean {F(n["mean"], "F4")} over {(long)n["pairs"]!:N0} pairs ({n["passes"]} passes)",
        "alignment" or "uniformity" or "anisotropy" => $"{F(n["value"], "F4")} ± {F(n["standard_error"], "F4")} ({(int)n["pairs"]!:N0} pairs)",
        "effective_rank_sample" or "effective_rank_exact" => $"{F(n["value"], "F2")} ({(int)n["rows"]!:N0} rows)",
        "factor_orthogonality" => $"{F(n["value"], "F4")} ({n["factors"]} factors)",
        _ => $"",
    });

    static string F(JsonNode? n, string format) => n is null ? "—" : ((double)n).ToString(format, CultureInfo.InvariantCulture);
}
