using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FacetCL.Diagnostics;
using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.CSharp;
using Plotly.NET.TraceObjects;
using Chart = Plotly.NET.CSharp.Chart;

namespace FacetCL.Dashboard;

/// <summary>What the report shows and when it says it was made.</summary>
public sealed record DashboardOptions
{
    /// <summary>The model the report is about (as stored: the --model value of diagnose); default: the model of the newest run.</summary>
    public string? Model { get; init; }

    /// <summary>Anchors drawn in their own colour in the projection (the largest in the sample); the rest are grey.</summary>
    public int TopAnchors { get; init; } = 10;

    /// <summary>Runs listed in the table of recent runs.</summary>
    public int RecentRuns { get; init; } = 12;

    /// <summary>The time printed as "generated" (default: now).</summary>
    public DateTime? GeneratedUtc { get; init; }

    /// <summary>How the store is named in the page (default: its full path).</summary>
    public string? StoreLabel { get; init; }
}

/// <summary>
/// The representation-quality dashboard (DESIGN.md, "Diagnostics"): one self-contained HTML page
/// (plotly.js inlined, works offline) built from the trend store (<see cref="QualityStore"/>):
/// <list type="number">
/// <item>the metric table of the model's newest run, with the change since its previous comparable
/// run (same model and config hash) and a better/worse mark from each metric's direction
/// (<see cref="RunComparison"/>);</item>
/// <item>trend lines per metric across runs (x = run time, one line per model, over the runs whose
/// config hash equals the newest run's, i.e. comparable ones);</item>
/// <item>the newest run's 2-D PCA projection (<see cref="SpaceSnapshot"/>) coloured by anchor (the
/// largest anchors in their own colours, the rest grey) and by each factor;</item>
/// <item>the factor orthogonality heat map and the per-anchor compactness histogram.</item>
/// </list>
/// Parts that do not apply (no factor heads, no anchors, a run stored by an older facetcl) say so.
/// Every text from data or the store is escaped (<see cref="ReportText"/>, <see cref="PlotlyFragment"/>).
/// </summary>
public static class DashboardReport
{
    // Distinct colours for the largest anchors (Tableau 10 without its grey, plus a dark blue); the rest are grey.
    static readonly string[] Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf", "#393b79"];
    const string Grey = "#c7c7c7";
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Builds the page. Throws <see cref="InvalidOperationException"/> when the store has no runs, <see cref="ArgumentException"/> for an unknown model.</summary>
    public static string Build(QualityStore store, DashboardOptions? options = null)
    {
        options ??= new DashboardOptions();
        var storeLabel = options.StoreLabel ?? store.Path;
        var runs = store.Runs();
        if (runs.Count == 0) throw new InvalidOperationException($"trend store {storeLabel} has no runs yet: run facetcl diagnose --store {storeLabel} first");
        var latest = options.Model is null ? runs[^1] : runs.LastOrDefault(r => r.Model == options.Model)
            ?? throw new ArgumentException($"trend store {storeLabel} has no run of model '{options.Model}' (models: {string.Join(", ", runs.Select(r => r.Model).Distinct())})");
        var previous = RunComparison.PreviousComparable(runs, latest);
        var changes = RunComparison.Compare(latest, previous);
        var report = JsonNode.Parse(latest.MetricsJson);
        var snapshot = store.Snapshot(latest.Id);

        var html = new StringBuilder(4 << 20);
        html.Append($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>facetcl quality report: {ReportText.Html(latest.Model)}</title>
            <style>{Css}</style>
            <script type="text/javascript">{PlotlyFragment.PlotlyJs()}</script>
            </head>
            <body>
            <h1>facetcl quality report</h1>
            <p class="meta">model <b id="model">{ReportText.Html(latest.Model)}</b> · run #{latest.Id} at {ReportText.Html(latest.TimeUtc)} ·
            data {ReportText.Html(latest.Data)} · config {ReportText.Html(Short(latest.ConfigHash))}<br>
            store {ReportText.Html(storeLabel)} · {runs.Count} runs · generated {(options.GeneratedUtc ?? DateTime.UtcNow).ToString("yyyy-MM-dd HH:mm:ss", Inv)} UTC ·
            plotly.js {ReportText.Html(PlotlyFragment.PlotlyJsVersion)} inlined</p>

            """);
        MetricTable(html, latest, previous, changes, report);
        Trends(html, runs, latest);
        Space(html, snapshot, options.TopAnchors);
        Orthogonality(html, snapshot, report);
        CompactnessHistogram(html, snapshot);
        RecentRuns(html, runs, options.RecentRuns);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    static void MetricTable(StringBuilder html, QualityRun latest, QualityRun? previous, IReadOnlyList<MetricChange> changes, JsonNode? report)
    {
        html.Append("<h2>Metrics</h2>\n");
        html.Append(previous is null
            ? "<p>No earlier comparable run (same model, data and options): changes appear from the next run on.</p>\n"
            : $"<p>Change since run #{previous.Id} at {ReportText.Html(previous.TimeUtc)} (same model, data and options).</p>\n");
        html.Append("""
            <table id="metrics">
            <thead><tr><th>metric</th><th>value</th><th>previous</th><th>change</th><th>better</th><th>verdict</th></tr></thead>
            <tbody>

            """);
        foreach (var c in changes)
        {
            var (mark, css) = c.Verdict switch
            {
                ChangeVerdict.Better => ("▲ better", "better"),
                ChangeVerdict.Worse => ("▼ worse", "worse"),
                ChangeVerdict.Unchanged => ("= unchanged", "same"),
                _ => ("–", "none"),
            };
            html.Append($"""<tr data-metric="{ReportText.Html(c.Metric.Key)}" class="{css}"><td>{ReportText.Html(c.Metric.Label)}</td><td class="num">{Format(c.Current)}</td><td class="num">{Format(c.Previous)}</td><td class="num">{FormatChange(c.Change)}</td><td>{ReportText.Html(c.Metric.Better)}</td><td class="verdict">{mark}</td></tr>""");
            html.Append('\n');
        }
        html.Append("</tbody>\n</table>\n");
        if (report?["not_applicable"] is JsonArray na && na.Count > 0)
        {
            html.Append("<ul class=\"na\">\n");
            foreach (var item in na)
                html.Append($"<li>not applicable: {ReportText.Html((string?)item?["metric"])}: {ReportText.Html((string?)item?["reason"])}</li>\n");
            html.Append("</ul>\n");
        }
    }

    static void Trends(StringBuilder html, IReadOnlyList<QualityRun> runs, QualityRun latest)
    {
        html.Append("<h2>Trends</h2>\n<p>Every run with the same data and options as the newest (same config hash), one line per model; x = run time (UTC).</p>\n<div class=\"grid\">\n");
        var comparable = runs.Where(r => r.ConfigHash == latest.ConfigHash).OrderBy(r => r.TimeUtc, StringComparer.Ordinal).ThenBy(r => r.Id).ToList();
        var parsed = comparable.ToDictionary(r => r.Id, r => JsonNode.Parse(r.MetricsJson));
        var models = comparable.Select(r => r.Model).Distinct().ToList();
        foreach (var metric in QualityMetrics.All)
        {
            var lines = new List<GenericChart>();
            foreach (var (model, i) in models.Select((m, i) => (m, i)))
            {
                var points = comparable.Where(r => r.Model == model)
                    .Select(r => (Run: r, Value: parsed[r.Id]?["metrics"]?[metric.Key]?["value"] is JsonValue v && v.TryGetValue<double>(out var d) && double.IsFinite(d) ? d : (double?)null))
                    .Where(p => p.Value is not null).ToList();
                if (points.Count == 0) continue;
                var line = Chart.Line<string, double, string>(
                    points.Select(p => PlotlyTime(p.Run.TimeUtc)), points.Select(p => p.Value!.Value),
                    ShowMarkers: true,
                    Name: ReportText.Plotly(ReportText.Shorten(model, 40)),
                    MultiText: points.Select(p => $"run #{p.Run.Id}<br>{ReportText.Plotly(model)}<br>{Format(p.Value)}").ToArray(),
                    LineColor: Color.fromString(Palette[i % Palette.Length]),
                    MarkerColor: Color.fromString(Palette[i % Palette.Length]));
                lines.Add(line);
            }
            if (lines.Count == 0) continue;
            var chart = NoModeBar(Margin(Title(Chart.Combine(lines), $"{ReportText.Plotly(metric.Label)} (better: {ReportText.Plotly(metric.Better)})"), 50, 20, 45, 40)
                .WithSize(460, 300)
                .WithLegendStyle(Orientation: StyleParam.Orientation.Horizontal));
            HoverText(chart);
            html.Append(PlotlyFragment.Html(chart, $"trend-{metric.Key}"));
        }
        html.Append("</div>\n");
    }

    static void Space(StringBuilder html, SpaceSnapshot? snapshot, int topAnchors)
    {
        html.Append("<h2>The space (2-D PCA projection)</h2>\n");
        if (snapshot is null || snapshot.Points.Count == 0)
        {
            html.Append("<p class=\"na\">not applicable: this run was stored without its projection (by an older facetcl); run diagnose again.</p>\n");
            return;
        }
        var ev = snapshot.ExplainedVariance;
        html.Append($"<p>A seeded sample of {snapshot.Points.Count} of {snapshot.TotalTexts} texts (seed {snapshot.Seed}): PCA of their normalised main vectors; PC1 holds {Percent(ev.ElementAtOrDefault(0))}, PC2 {Percent(ev.ElementAtOrDefault(1))} of the sample's variance. Hover a point for its text.</p>\n");
        var axisX = $"PC1 ({Percent(ev.ElementAtOrDefault(0))})";
        var axisY = $"PC2 ({Percent(ev.ElementAtOrDefault(1))})";

        // By anchor: the largest anchors (size over all texts) present in the sample get colours.
        var top = snapshot.Points.Where(p => p.AnchorId >= 0 && p.AnchorSize >= 2)
            .GroupBy(p => p.AnchorId)
            .OrderByDescending(g => g.First().AnchorSize).ThenByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Take(Math.Max(0, topAnchors)).ToList();
        var topIds = top.Select(g => g.Key).ToHashSet();
        var traces = new List<GenericChart>();
        var rest = snapshot.Points.Where(p => !topIds.Contains(p.AnchorId)).ToList();
        if (rest.Count > 0)
            traces.Add(Scatter(rest, topIds.Count == 0 ? "texts" : "other anchors, singletons, no anchor", Grey, AnchorHover));
        foreach (var (g, i) in top.Select((g, i) => (g, i)))
        {
            var first = g.First();
            traces.Add(Scatter(g.ToList(), ReportText.Plotly(ReportText.Shorten($"#{g.Key} ({first.AnchorSize}): {first.Text}", 48)), Palette[i % Palette.Length], AnchorHover));
        }
        var byAnchor = Title(Chart.Combine(traces), "coloured by anchor (largest anchors; the rest grey)").WithSize(980, 620);
        html.Append(PlotlyFragment.Html(Axes(byAnchor, axisX, axisY), "space-anchors"));
        if (snapshot.Points.All(p => p.AnchorId < 0))
            html.Append("<p class=\"na\">not applicable: no anchors in this run (diagnose --no-anchors, or no text had a frame).</p>\n");
        else if (top.Count > 0)
        {
            html.Append("<table id=\"anchors\"><thead><tr><th>anchor</th><th>texts</th><th>in sample</th><th>examples</th></tr></thead><tbody>\n");
            foreach (var g in top)
                html.Append($"<tr><td>#{g.Key}</td><td class=\"num\">{g.First().AnchorSize}</td><td class=\"num\">{g.Count()}</td><td>{string.Join(" · ", g.Take(3).Select(p => ReportText.Html(p.Text)))}</td></tr>\n");
            html.Append("</tbody></table>\n");
        }

        // By factor: one picture per factor, colour = the factor's value (see SpaceSnapshot.FactorValueDefinition).
        if (snapshot.FactorNames.Count == 0)
        {
            html.Append("<p class=\"na\">not applicable: coloured by factor — the model has no factor heads.</p>\n");
            return;
        }
        html.Append($"<p>Coloured by each factor: {ReportText.Html(SpaceSnapshot.FactorValueDefinition)}.</p>\n<div class=\"grid\">\n");
        for (var k = 0; k < snapshot.FactorNames.Count; k++)
        {
            var name = snapshot.FactorNames[k];
            // A missing value (a point without factors) is null: plotly leaves it uncoloured.
            var values = snapshot.Points.Select(p => p.Factors is { } f && k < f.Length && double.IsFinite(f[k]) ? f[k] : (double?)null).ToArray();
            var marker = new Marker();
            marker.SetProperty("color", values);
            marker.SetProperty("colorscale", "Viridis");
            marker.SetProperty("showscale", true);
            marker.SetProperty("size", 4);
            var chart = Title(Chart.Point<double, double, string>(
                snapshot.Points.Select(p => p.X), snapshot.Points.Select(p => p.Y),
                Name: ReportText.Plotly(name),
                MultiText: snapshot.Points.Select((p, i) => $"{ReportText.PlotlyWrapped(p.Text)}<br>{ReportText.Plotly(name)} = {Format(values[i])}").ToArray(),
                Marker: marker), $"coloured by factor: {ReportText.Plotly(name)}")
                .WithSize(480, 420);
            HoverText(chart);
            html.Append(PlotlyFragment.Html(Axes(chart, axisX, axisY), $"space-factor-{Id(name)}"));
        }
        html.Append("</div>\n");
    }

    static string AnchorHover(SnapshotPoint p) =>
        $"{ReportText.PlotlyWrapped(p.Text)}<br>{(p.AnchorId >= 0 ? $"anchor #{p.AnchorId} ({p.AnchorSize} texts)" : "no anchor")}";

    static GenericChart Scatter(IReadOnlyList<SnapshotPoint> points, string name, string color, Func<SnapshotPoint, string> hover)
    {
        var marker = new Marker();
        marker.SetProperty("color", color);
        marker.SetProperty("size", 5);
        var chart = Chart.Point<double, double, string>(points.Select(p => p.X), points.Select(p => p.Y), Name: name,
            MultiText: points.Select(hover).ToArray(), Marker: marker);
        HoverText(chart);
        return chart;
    }

    static void Orthogonality(StringBuilder html, SpaceSnapshot? snapshot, JsonNode? report)
    {
        html.Append("<h2>Factor orthogonality</h2>\n");
        if (snapshot?.Orthogonality is not { } m || snapshot.FactorNames.Count == 0)
        {
            html.Append("<p class=\"na\">not applicable: the model has no factor heads.</p>\n");
            return;
        }
        var names = snapshot.FactorNames.Select(ReportText.Plotly).ToArray();
        var index = report?["metrics"]?["factor_orthogonality_index"]?["value"];
        html.Append($"<p>Mean |cos| between two factors' vectors of the same text, over all texts; the index (mean above the diagonal) is {Format(index is JsonValue v && v.TryGetValue<double>(out var d) ? d : null)} (lower is better: 0 = orthogonal, 1 = collinear).</p>\n");
        var chart = Title(Chart.AnnotatedHeatmap<double, string, string, string>(
            m.Select(row => (IEnumerable<double>)row), m.Select(row => row.Select(x => x.ToString("0.00", Inv))),
            X: names, Y: names, ColorScale: StyleParam.Colorscale.Viridis, ReverseYAxis: true), "mean |cos| between factor vectors")
            .WithSize(620, 520);
        foreach (var trace in GenericChart.getTraces(chart))
        {
            trace.SetProperty("zmin", 0.0);
            trace.SetProperty("zmax", 1.0);
        }
        html.Append(PlotlyFragment.Html(chart, "orthogonality"));
    }

    static void CompactnessHistogram(StringBuilder html, SpaceSnapshot? snapshot)
    {
        html.Append("<h2>Intra-anchor compactness</h2>\n");
        if (snapshot is null)
        {
            html.Append("<p class=\"na\">not applicable: this run was stored without per-anchor values (by an older facetcl).</p>\n");
            return;
        }
        var values = snapshot.Compactness.Select(c => c.CosineDistance).Where(double.IsFinite).ToArray();
        if (values.Length == 0)
        {
            html.Append("<p class=\"na\">not applicable: no anchor has two or more texts in this run.</p>\n");
            return;
        }
        html.Append($"<p>{values.Length} anchors with two or more texts: mean cosine distance 1 − cos(x̂, centroid) of each anchor's texts to their centroid (lower = tighter); mean {Format(values.Average())}.</p>\n");
        var chart = Title(Chart.Histogram<double, double, string>(X: values, Name: "anchors", NBinsX: 30), "compactness per anchor")
            .WithXAxisStyle<double, double, string>(TitleText: "1 − cos to centroid")
            .WithYAxisStyle<double, double, string>(TitleText: "anchors")
            .WithSize(720, 380);
        html.Append(PlotlyFragment.Html(chart, "compactness"));
    }

    static void RecentRuns(StringBuilder html, IReadOnlyList<QualityRun> runs, int count)
    {
        html.Append("<h2>Recent runs</h2>\n<table id=\"runs\"><thead><tr><th>run</th><th>time (UTC)</th><th>model</th><th>data</th><th>config</th></tr></thead><tbody>\n");
        foreach (var r in runs.OrderByDescending(r => r.Id).Take(count))
            html.Append($"<tr><td>#{r.Id}</td><td>{ReportText.Html(r.TimeUtc)}</td><td>{ReportText.Html(r.Model)}</td><td>{ReportText.Html(r.Data)}</td><td>{ReportText.Html(Short(r.ConfigHash))}</td></tr>\n");
        html.Append("</tbody></table>\n");
    }

    static GenericChart Title(GenericChart chart, string title) => Plotly.NET.Chart.withTitle(title, null).Invoke(chart);

    static GenericChart Margin(GenericChart chart, int left, int right, int top, int bottom) =>
        Plotly.NET.Chart.withMarginSize<int, int, int, int, int, bool>(FSharpOption<int>.Some(left), FSharpOption<int>.Some(right), FSharpOption<int>.Some(top), FSharpOption<int>.Some(bottom), null, null).Invoke(chart);

    /// <summary>Small charts: no tool bar (it would sit on the title); hover still works.</summary>
    static GenericChart NoModeBar(GenericChart chart)
    {
        var config = new Config();
        config.SetProperty("displayModeBar", false);
        return GenericChart.setConfig(config, chart);
    }

    /// <summary>Hover shows the (escaped) text only, not plotly's default x/y/name block.</summary>
    static void HoverText(GenericChart chart)
    {
        foreach (var trace in GenericChart.getTraces(chart)) trace.SetProperty("hoverinfo", "text");
    }

    static GenericChart Axes(GenericChart chart, string x, string y) =>
        chart.WithXAxisStyle<double, double, string>(TitleText: x, ZeroLine: false).WithYAxisStyle<double, double, string>(TitleText: y, ZeroLine: false);

    /// <summary>Plotly's date format (it reads no time zone suffix): the stored ISO UTC time without 'T' and 'Z'.</summary>
    static string PlotlyTime(string isoUtc) =>
        DateTime.TryParse(isoUtc, Inv, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t) ? t.ToString("yyyy-MM-dd HH:mm:ss.fff", Inv) : isoUtc;

    static string Id(string name) => new(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
    static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
    static string Format(double? v) => v is { } d && double.IsFinite(d) ? d.ToString("0.####", Inv) : "–";
    static string FormatChange(double? v) => v is { } d ? (d > 0 ? "+" : "") + d.ToString("0.####", Inv) : "–";
    static string Percent(double v) => (100 * v).ToString("0.0", Inv) + " %";

    const string Css = """
        body { font-family: system-ui, sans-serif; margin: 1.5em; color: #222; max-width: 1500px; }
        h1 { font-size: 1.5em; margin-bottom: 0.2em; } h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #ddd; }
        .meta { color: #555; font-size: 0.9em; }
        table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.92em; }
        th, td { border: 1px solid #ddd; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
        th { background: #f4f4f4; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
        tr.better .verdict { color: #1a7f37; font-weight: 600; } tr.worse .verdict { color: #c62828; font-weight: 600; }
        tr.same .verdict, tr.none .verdict { color: #777; }
        .na { color: #777; }
        .grid { display: flex; flex-wrap: wrap; gap: 0.5em; }
        """;
}
