using System.Net;
using System.Text;

namespace FacetCL.Dashboard;

/// <summary>
/// Escaping of every text the report takes from data or the store. Two contexts:
/// <list type="bullet">
/// <item>HTML (tables, headings): <see cref="WebUtility.HtmlEncode(string)"/> (&amp; &lt; &gt; " ').</item>
/// <item>Plotly labels (hover text, legend names, titles): plotly.js reads these as its own small
/// markup (tags such as &lt;br&gt; &lt;b&gt; &lt;a&gt;, and the entities &amp;amp; &amp;lt; &amp;gt; and numeric ones;
/// <c>convertEntities</c> in plotly's svg_text_utils), so a data text has exactly &amp;, &lt; and &gt;
/// escaped to show literally; quotes must stay as they are (plotly does not decode &amp;quot;).</item>
/// </list>
/// The chart data itself then sits inside a script element; <see cref="PlotlyFragment"/> writes it
/// as JSON with every &lt; &gt; &amp; ' " escaped as \uXXXX, so no text can end that element.
/// </summary>
public static class ReportText
{
    public static string Html(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A data text as a Plotly label: shown literally, never read as plotly markup.</summary>
    public static string Plotly(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var b = new StringBuilder(text.Length + 16);
        foreach (var c in text)
            b.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '\r' or '\n' or '\t' => " ", // plotly turns a newline into a line break; keep one text one line
                _ => c.ToString(),
            });
        return b.ToString();
    }

    /// <summary>
    /// A long data text as an escaped Plotly label broken into lines of about <paramref name="width"/>
    /// characters (at spaces) with plotly's &lt;br&gt;, at most <paramref name="maxChars"/> characters in all.
    /// </summary>
    public static string PlotlyWrapped(string? text, int width = 80, int maxChars = 400)
    {
        var t = (text ?? "").ReplaceLineEndings(" ");
        if (t.Length > maxChars) t = t[..maxChars] + "…";
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in t.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        if (line.Length > 0) lines.Add(line.ToString());
        return string.Join("<br>", lines.Select(Plotly));
    }

    /// <summary>Shortens a text for a legend entry.</summary>
    public static string Shorten(string text, int maxChars) => text.Length <= maxChars ? text : text[..(maxChars - 1)] + "…";
}
