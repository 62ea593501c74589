using System.Text.Json.Nodes;
using FacetCL.Diagnostics;

namespace FacetCL.Dashboard;

/// <summary>How a metric moved since the previous comparable run.</summary>
public enum ChangeVerdict
{
    /// <summary>Moved in the metric's good direction.</summary>
    Better,
    /// <summary>Moved in the metric's bad direction.</summary>
    Worse,
    /// <summary>The same value (as stored, 6 decimals).</summary>
    Unchanged,
    /// <summary>No comparable earlier run has a value for it.</summary>
    NoPrevious,
}

/// <param name="Current">the value in the latest run (null: the metric was not computed or has no value)</param>
/// <param name="Previous">the value in the previous comparable run, if any</param>
/// <param name="Change">Current − Previous when both exist</param>
public sealed record MetricChange(QualityMetric Metric, double? Current, double? Previous, double? Change, ChangeVerdict Verdict);

/// <summary>
/// The metric table of the dashboard: a run against the previous comparable run (same model and
/// <c>config_hash</c>, i.e. same data and options; the newest such run appended before it), metric by
/// metric, with the verdict from each metric's direction (<see cref="QualityMetric.Direction"/>).
/// </summary>
public static class RunComparison
{
    /// <summary>The newest run of the same model and config hash appended before <paramref name="run"/>, or null.</summary>
    public static QualityRun? PreviousComparable(IEnumerable<QualityRun> runs, QualityRun run) =>
        runs.Where(r => r.Id < run.Id && r.Model == run.Model && r.ConfigHash == run.ConfigHash).MaxBy(r => r.Id);

    /// <summary><c>metrics.KEY.value</c> of a stored run, or null.</summary>
    public static double? Value(QualityRun run, string key) => Value(JsonNode.Parse(run.MetricsJson), key);

    static double? Value(JsonNode? report, string key) =>
        report?["metrics"]?[key]?["value"] is JsonValue v && v.TryGetValue<double>(out var d) && double.IsFinite(d) ? d : null;

    /// <summary>Every metric the latest run has a value for, in <see cref="QualityMetrics.All"/> order.</summary>
    public static IReadOnlyList<MetricChange> Compare(QualityRun latest, QualityRun? previous)
    {
        var now = JsonNode.Parse(latest.MetricsJson);
        var before = previous is null ? null : JsonNode.Parse(previous.MetricsJson);
        var result = new List<MetricChange>();
        foreach (var metric in QualityMetrics.All)
        {
            var current = Value(now, metric.Key);
            if (current is null) continue;
            var old = Value(before, metric.Key);
            if (old is null)
            {
                result.Add(new MetricChange(metric, current, null, null, ChangeVerdict.NoPrevious));
                continue;
            }
            var change = current.Value - old.Value;
            var verdict = metric.Judge(change) switch
            {
                > 0 => ChangeVerdict.Better,
                < 0 => ChangeVerdict.Worse,
                _ => ChangeVerdict.Unchanged,
            };
            result.Add(new MetricChange(metric, current, old, change, verdict));
        }
        return result;
    }
}
