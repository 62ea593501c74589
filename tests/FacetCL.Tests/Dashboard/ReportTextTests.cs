using FacetCL.Dashboard;
using Plotly.NET;
using Chart = Plotly.NET.CSharp.Chart;

namespace FacetCL.Tests.Dashboard;

public class ReportTextTests
{
    [Fact]
    public void PlotlyLabelsEscapeMarkupButNotQuotes()
    {
        Assert.Equal("a &lt;b&gt; &amp; \"c\" 'd'", ReportText.Plotly("a <b> & \"c\" 'd'"));
        Assert.Equal("one two", ReportText.Plotly("one\ntwo"));
        Assert.Equal("&lt;i&gt;", ReportText.Html("<i>"));
        Assert.Equal("&quot;x&quot; &amp; &#39;y&#39;", ReportText.Html("\"x\" & 'y'"));
    }

    [Fact]
    public void WrappedLabelsBreakAtSpacesAndEscapeEachLine()
    {
        Assert.Equal("aaa bbb<br>c&lt;d", ReportText.PlotlyWrapped("aaa bbb c<d", width: 7));
        Assert.Equal("abcd…", ReportText.PlotlyWrapped("abcdefgh", maxChars: 4));
    }

    [Fact]
    public void AChartFragmentHoldsNoMarkupFromItsData()
    {
        var chart = Chart.Point<double, double, string>([1.0, 2.0], [3.0, 4.0], Name: "</script><script>alert(1)</script>");
        var html = PlotlyFragment.Html(chart, "c1");
        Assert.StartsWith("<div id=\"c1\" class=\"chart\"></div>\n<script type=\"text/javascript\">Plotly.newPlot(\"c1\", ", html);
        Assert.Equal(html.IndexOf("</script>", StringComparison.Ordinal), html.LastIndexOf("</script>", StringComparison.Ordinal));
        Assert.Contains(@"\u003c/script\u003e\u003cscript\u003ealert(1)", html);
        Assert.Throws<ArgumentException>(() => PlotlyFragment.Html(chart, "a\"b"));
    }
}
