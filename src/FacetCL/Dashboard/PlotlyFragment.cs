using Newtonsoft.Json;
using Plotly.NET;

namespace FacetCL.Dashboard;

/// <summary>
/// A Plotly.NET chart as an HTML fragment (a div and the script that draws it), and plotly.js itself
/// for the page's head. Plotly.NET's own <c>GenericChart.toChartHTML</c> pastes the chart JSON into the
/// script unescaped, so a data text holding <c>&lt;/script&gt;</c> would end the script element and
/// the rest would be read as HTML; here the same traces, layout and config (Plotly.NET's objects, the
/// same Newtonsoft serialisation) are written with <see cref="StringEscapeHandling.EscapeHtml"/>, which
/// writes &lt; &gt; &amp; ' " inside JSON strings as \u003c …, so the script can hold no markup at all.
/// </summary>
public static class PlotlyFragment
{
    static readonly JsonSerializerSettings Settings = new()
    {
        ReferenceLoopHandling = ReferenceLoopHandling.Serialize, // as Plotly.NET's Globals.JSON_CONFIG
        StringEscapeHandling = StringEscapeHandling.EscapeHtml,
        FloatFormatHandling = FloatFormatHandling.String, // a stray NaN stays valid JSON ("NaN", which plotly skips), never a bare NaN token
    };

    /// <summary>plotly.js (minified) as shipped inside Plotly.NET: the page inlines it and so works offline.</summary>
    public static string PlotlyJs()
    {
        // The resource Plotly.NET itself inlines for PlotlyJSReference.Full (its getFullPlotlyJS is internal).
        var name = $"Plotly.NET.plotly-{PlotlyJsVersion}.min.js";
        using var stream = typeof(GenericChart).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"Plotly.NET has no resource {name}");
        using var reader = new StreamReader(stream);
        var js = reader.ReadToEnd();
        // Inlined as the body of a script element: it must not contain the element's end tag.
        if (js.Contains("</script", StringComparison.OrdinalIgnoreCase)) throw new InvalidOperationException("plotly.js contains </script>; cannot inline it");
        return js;
    }

    /// <summary>The version of the inlined plotly.js.</summary>
    public static string PlotlyJsVersion => Globals.PLOTLYJS_VERSION;

    /// <param name="id">the div's id: letters, digits, '-' and '_' only</param>
    public static string Html(GenericChart chart, string id)
    {
        if (id.Length == 0 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) throw new ArgumentException($"bad chart id '{id}'");
        var data = JsonConvert.SerializeObject(GenericChart.getTraces(chart), Settings);
        var layout = JsonConvert.SerializeObject(GenericChart.getLayout(chart), Settings);
        var config = JsonConvert.SerializeObject(GenericChart.getConfig(chart), Settings);
        return $"""
            <div id="{id}" class="chart"></div>
            <script type="text/javascript">Plotly.newPlot("{id}", {data}, {layout}, {config});</script>

            """;
    }
}
