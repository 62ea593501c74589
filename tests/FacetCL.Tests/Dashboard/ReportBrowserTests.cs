using FacetCL.Diagnostics;
using FacetCL.Tests.Data;
using Microsoft.Playwright;

namespace FacetCL.Tests.Dashboard;

/// <summary>
/// The report as a person sees it: Debian's Chromium, headless, driven by Playwright for .NET (its own
/// browser download is never used), opens the file written by <c>facetcl dashboard</c>. The store holds
/// a model name and a text that are <c>&lt;script&gt;alert(1)&lt;/script&gt;</c>.
/// </summary>
public class ReportBrowserTests
{
    const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task ReportRendersWithoutScriptErrorsAndShowsDataTextsAsText()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: scripts/setup-system.sh (make setup) installs Debian's chromium");
        using var dir = new TempDir();
        var storePath = Path.Combine(dir.Path, "quality.db");
        using (var store = new QualityStore(storePath)) DashboardFixtures.TwoComparableRuns(store, model: DashboardFixtures.Evil);
        Directory.CreateDirectory("TestResults");
        var reportPath = Path.GetFullPath(Path.Combine("TestResults", "report.html"));
        var cli = CliRunner.Run(dir.Path, "dashboard", "--store", storePath, "--out", reportPath);
        Assert.True(cli.ExitCode == 0, cli.Stderr);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var errors = new List<string>();
        var dialogs = new List<string>();
        var requests = new List<string>();
        page.PageError += (_, e) => errors.Add($"page error: {e}");
        page.Console += (_, m) =>
        {
            if (m.Type == "error") errors.Add($"console error: {m.Text}");
        };
        page.Dialog += async (_, d) =>
        {
            dialogs.Add($"{d.Type}: {d.Message}");
            await d.DismissAsync();
        };
        // Offline: anything but the file itself is recorded and refused.
        await page.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith("file:", StringComparison.Ordinal)) await route.ContinueAsync();
            else
            {
                requests.Add(route.Request.Url);
                await route.AbortAsync();
            }
        });

        await page.GotoAsync(new Uri(reportPath).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        var charts = await page.Locator("div.chart").CountAsync();
        Assert.True(charts >= 8, $"{charts} charts");
        // Every chart drew its SVG.
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('div.chart')].every(d => d.querySelector('svg.main-svg'))", null,
            new PageWaitForFunctionOptions { Timeout = 30_000 });
        Assert.True(await page.Locator(".main-svg").CountAsync() >= charts);

        // The metric table with its marks.
        Assert.Equal(5, await page.Locator("#metrics tbody tr").CountAsync());
        Assert.Equal("▲ better", await page.Locator("#metrics tr[data-metric=sts_spearman] .verdict").InnerTextAsync());
        Assert.Equal("▼ worse", await page.Locator("#metrics tr[data-metric=alignment] .verdict").InnerTextAsync());
        Assert.Equal("+0.1", await page.Locator("#metrics tr[data-metric=alignment] td:nth-child(4)").InnerTextAsync());

        // Texts from the store read as text: in HTML (title, header, tables) …
        const string evil = DashboardFixtures.Evil;
        Assert.Equal($"facetcl quality report: {evil}", await page.TitleAsync());
        Assert.Equal(evil, await page.Locator("#model").InnerTextAsync());
        Assert.Contains(evil, await page.Locator("#anchors").InnerTextAsync());
        Assert.Contains(evil, await page.Locator("#runs").InnerTextAsync());
        Assert.Contains("no labels <b>here</b>", await page.Locator("ul.na").InnerTextAsync());
        // … in a plotly legend (the model's trend line) …
        var legends = await page.Locator("#trend-sts_spearman .legendtext").AllTextContentsAsync();
        Assert.Contains(legends, l => l.Contains(evil, StringComparison.Ordinal));
        // … and in the hover label of the point whose text it is.
        var hover = await page.EvaluateAsync<string>("""
            () => {
              const gd = document.getElementById('space-anchors');
              const c = gd.data.findIndex(t => (t.text || []).some(s => s.includes('alert(1)')));
              const p = gd.data[c].text.findIndex(s => s.includes('alert(1)'));
              Plotly.Fx.hover(gd, [{ curveNumber: c, pointNumber: p }]);
              return gd.querySelector('.hoverlayer').textContent;
            }
            """);
        Assert.Contains(evil, hover);
        Assert.Contains("anchor #0 (12 texts)", hover);
        // No script element came from data: plotly.js and one per chart, nothing else.
        Assert.Equal(1 + charts, await page.Locator("script").CountAsync());

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine("TestResults", "report.png"), FullPage = true });
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.True(dialogs.Count == 0, string.Join("\n", dialogs));
        Assert.True(requests.Count == 0, "requests left the file: " + string.Join(", ", requests));
    }
}
