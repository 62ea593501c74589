using System.Text.RegularExpressions;
using FacetCL.Dashboard;
using FacetCL.Diagnostics;
using FacetCL.Tests.Data;

namespace FacetCL.Tests.Dashboard;

public class DashboardReportTests
{
    static string Build(Action<QualityStore> fill, DashboardOptions? options = null)
    {
        using var dir = new TempDir();
        using var store = new QualityStore(Path.Combine(dir.Path, "q.db"));
        fill(store);
        return DashboardReport.Build(store, options);
    }

    static string Row(string html, string metric) =>
        Regex.Match(html, $"<tr data-metric=\"{metric}\"[^\n]*</tr>").Value;

    [Fact]
    public void MetricTableShowsTheChangeSinceThePreviousComparableRunWithMarks()
    {
        var html = Build(s => DashboardFixtures.TwoComparableRuns(s));
        Assert.Contains("Change since run #1 at 2026-12-04T03:00:00.000Z", html);
        var sts = Row(html, "sts_spearman");
        Assert.Contains("class=\"better\"", sts);
        Assert.Contains("<td class=\"num\">82</td><td class=\"num\">80</td><td class=\"num\">+2</td>", sts);
        Assert.Contains("▲ better", sts);
        var alignment = Row(html, "alignment");
        Assert.Contains("class=\"worse\"", alignment);
        Assert.Contains("<td class=\"num\">0.6</td><td class=\"num\">0.5</td><td class=\"num\">+0.1</td>", alignment);
        Assert.Contains("▼ worse", alignment);
        Assert.Contains("= unchanged", Row(html, "uniformity"));
        Assert.Contains("class=\"none\"", Row(html, "effective_rank"));
        Assert.Equal("", Row(html, "robustness"));
    }

    [Fact]
    public void AFirstRunHasNoChangesAndAModelCanBeChosen()
    {
        var html = Build(s => DashboardFixtures.TwoComparableRuns(s), new DashboardOptions { Model = "base" });
        Assert.Contains("No earlier comparable run", html);
        Assert.Contains("<b id=\"model\">base</b>", html);
        Assert.Contains("class=\"none\"", Row(html, "sts_spearman"));
        // Run 3 has no snapshot: the space says so instead of failing.
        Assert.Contains("stored without its projection", html);
        var e = Assert.Throws<ArgumentException>(() => Build(s => DashboardFixtures.TwoComparableRuns(s), new DashboardOptions { Model = "nope" }));
        Assert.Contains("no run of model 'nope'", e.Message);
    }

    [Fact]
    public void AnEmptyStoreIsAClearError()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Build(_ => { }));
        Assert.Contains("has no runs yet", e.Message);
    }

    [Fact]
    public void EveryTextFromTheStoreIsEscapedInHtmlAndInChartData()
    {
        var html = Build(s => DashboardFixtures.TwoComparableRuns(s, model: DashboardFixtures.Evil));
        // The only script elements are plotly.js and one per chart; none comes from data.
        var scripts = Regex.Matches(html, "<script", RegexOptions.IgnoreCase).Count;
        var charts = Regex.Matches(html, "<div id=\"[^\"]+\" class=\"chart\"></div>").Count;
        Assert.True(charts >= 5, $"{charts} charts");
        Assert.Equal(1 + charts, scripts);
        Assert.Equal(scripts, Regex.Matches(html, "<script type=\"text/javascript\">").Count);
        Assert.Equal(scripts, Regex.Matches(html, "</script>", RegexOptions.IgnoreCase).Count);
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<b>here</b>", html); // the not-applicable reason
        // In HTML: entity-escaped (model in the header, text in the anchor table).
        Assert.Contains("<b id=\"model\">&lt;script&gt;alert(1)&lt;/script&gt;</b>", html);
        Assert.Contains("<td>text number 0 &amp; &quot;quotes&quot; · &lt;script&gt;alert(1)&lt;/script&gt; · text number 2", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        // In chart JSON: escaped for plotly's label markup (&lt; …), then every < > & " ' of the JSON string as \uXXXX.
        Assert.Contains(@"\u0026lt;script\u0026gt;alert(1)\u0026lt;/script\u0026gt;", html);
        Assert.Contains(@"text number 7 \u0026amp; \u0022quotes\u0022", html);
        // Inside chart scripts there is no '<' at all.
        foreach (Match m in Regex.Matches(html, "<script type=\"text/javascript\">(Plotly\\.newPlot.*?)</script>", RegexOptions.Singleline))
            Assert.DoesNotContain("<", m.Groups[1].Value);
    }

    [Fact]
    public void ChartsOfEveryPartAppearWithFactorsAndSayNotApplicableWithout()
    {
        var html = Build(s => DashboardFixtures.TwoComparableRuns(s));
        foreach (var id in new[] { "trend-sts_spearman", "trend-alignment", "space-anchors", "space-factor-sentiment", "space-factor-temporal", "orthogonality", "compactness" })
            Assert.Contains($"<div id=\"{id}\" class=\"chart\">", html);
        // Trend of STS Spearman: one line per model over the runs of config h (runs 1 and 4 for the model, 3 for base), not run 2.
        var trend = Regex.Match(html, "Plotly\\.newPlot\\(\"trend-sts_spearman\", (.*?)\\);</script>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("\"y\":[80.0,82.0]", trend);
        Assert.Contains("\"y\":[78.0]", trend);
        Assert.DoesNotContain("10.0", trend);
        Assert.Contains("\"x\":[\"2026-12-04 03:00:00.000\",\"2026-12-05 03:00:00.000\"]", trend);
        Assert.Contains("index (mean above the diagonal) is 0.25", html);
        Assert.Contains("3 anchors with two or more texts", html);
        // The largest anchors get their own trace; singletons are grey.
        Assert.Contains("#0 (12): text number 0", html);
        Assert.Contains("other anchors, singletons, no anchor", html);
        Assert.DoesNotContain("not applicable: coloured by factor", html);

        var plain = Build(s => DashboardFixtures.TwoComparableRuns(s, snapshot: DashboardFixtures.Snapshot(factors: false)));
        Assert.Contains("not applicable: coloured by factor — the model has no factor heads", plain);
        Assert.Contains("<h2>Factor orthogonality</h2>\n<p class=\"na\">not applicable: the model has no factor heads.</p>", plain);
        Assert.DoesNotContain("space-factor-", plain);
        Assert.Contains("<div id=\"space-anchors\"", plain);
    }

    [Fact]
    public void PlotlyJsIsInlinedAndNothingIsLoadedFromTheNetwork()
    {
        var html = Build(s => DashboardFixtures.TwoComparableRuns(s));
        Assert.DoesNotContain("<script src", html);
        Assert.DoesNotContain("<link", html);
        // (plotly.min.js names its CDN for geo maps' topojson; the report draws no maps, and the browser
        // test sees no request leave the file.)
        Assert.Contains("plotly.js v" + PlotlyFragment.PlotlyJsVersion, html); // plotly.min.js's banner
    }
}
