using System.Text.Json.Nodes;
using FacetCL.Diagnostics;

namespace FacetCL.Tests.Dashboard;

/// <summary>Hand-made trend stores for the report tests.</summary>
static class DashboardFixtures
{
    public const string Evil = "<script>alert(1)</script>";
    public static readonly string[] FactorNames = ["syntax", "role_density", "sentiment", "factuality", "temporal"];

    /// <summary>A diagnostics.json-shaped object with the given metric values (null: no value).</summary>
    public static string Metrics(params (string Key, double? Value)[] values)
    {
        var metrics = new JsonObject();
        foreach (var (key, value) in values) metrics[key] = new JsonObject { ["value"] = value };
        return new JsonObject
        {
            ["metrics"] = metrics,
            ["not_applicable"] = new JsonArray(new JsonObject { ["metric"] = "factor_probe_accuracy", ["reason"] = "no labels <b>here</b>" }),
        }.ToJsonString();
    }

    /// <summary>
    /// A snapshot of <paramref name="n"/> points on a circle: anchors of 12, 6 and 3 texts (ids 0, 1, 2), the rest
    /// singletons; point 1 (anchor 0) says <see cref="Evil"/>; factor values and a factor matrix when asked.
    /// </summary>
    public static SpaceSnapshot Snapshot(int n = 60, bool factors = true)
    {
        var points = new List<SnapshotPoint>();
        for (var i = 0; i < n; i++)
        {
            long anchor = i < 12 ? 0 : i < 18 ? 1 : i < 21 ? 2 : 100 + i;
            var size = anchor switch { 0 => 12, 1 => 6, 2 => 3, _ => 1 };
            var text = i == 1 ? Evil : $"text number {i} & \"quotes\"";
            var angle = 2 * Math.PI * i / n;
            points.Add(new SnapshotPoint(i, Math.Cos(angle) + anchor % 3, Math.Sin(angle), anchor, size, text,
                factors ? FactorNames.Select((_, k) => Math.Sin(angle * (k + 1))).ToArray() : null));
        }
        return new SpaceSnapshot
        {
            Points = points,
            TotalTexts = n * 2,
            Seed = 7,
            ExplainedVariance = [0.6, 0.3],
            FactorNames = factors ? FactorNames : [],
            Compactness = [new AnchorCompactness(0, 12, 0.1, 0.02), new AnchorCompactness(1, 6, 0.25, 0.04), new AnchorCompactness(2, 3, 0.4, 0.05)],
            Orthogonality = factors ? FactorNames.Select((_, a) => FactorNames.Select((_, b) => a == b ? 1.0 : 0.1 * (a + b)).ToArray()).ToArray() : null,
        };
    }

    /// <summary>
    /// Four runs: model m at t1 (config h), model m at t2 (config other), model base at t3 (config h),
    /// model m at t4 (config h, with a snapshot). Run 4's previous comparable run is run 1.
    /// </summary>
    public static void TwoComparableRuns(QualityStore store, string model = "runs/demo/model", SpaceSnapshot? snapshot = null)
    {
        var t = new DateTime(2026, 12, 4, 3, 0, 0, DateTimeKind.Utc);
        store.Append(model, "stsb:test (2 pairs)", "h", t, Metrics(("sts_spearman", 80.0), ("alignment", 0.5), ("uniformity", -2.0), ("robustness", 1.2)));
        store.Append(model, "other data", "other", t.AddHours(1), Metrics(("sts_spearman", 10.0), ("alignment", 9.0)));
        store.Append("base", "stsb:test (2 pairs)", "h", t.AddHours(2), Metrics(("sts_spearman", 78.0), ("alignment", 0.4), ("uniformity", -1.9)));
        store.Append(model, "stsb:test (2 pairs)", "h", t.AddDays(1),
            Metrics(("sts_spearman", 82.0), ("alignment", 0.6), ("uniformity", -2.0), ("effective_rank", 40.5), ("robustness", null), ("factor_orthogonality_index", 0.25)),
            snapshot ?? Snapshot());
    }
}
