using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using FacetCL.Dashboard;
using FacetCL.Diagnostics;
using Spectre.Console;

namespace FacetCL.Cli;

/// <summary>
/// <c>facetcl dashboard</c>: the HTML quality report (<see cref="DashboardReport"/>) of a trend store,
/// written atomically; <c>--serve</c> then serves it on 127.0.0.1 until Ctrl+C. One JSON line on stdout
/// names the file (and the URL).
/// </summary>
static class DashboardCommand
{
    public static Command Create()
    {
        var store = new Option<string>("--store") { Description = "SQLite trend store written by facetcl diagnose", DefaultValueFactory = _ => QualityStore.DefaultPath };
        var output = new Option<string>("--out", "-o") { Description = "HTML file to write (self-contained, works offline)", DefaultValueFactory = _ => Path.Combine("runs", "report.html") };
        var model = new Option<string?>("--model", "-m") { Description = "model the report is about, as diagnose stored it (default: the model of the newest run)" };
        var serve = new Option<bool>("--serve") { Description = "then serve the report on http://127.0.0.1:PORT/ until Ctrl+C" };
        var port = new Option<int>("--port") { Description = "port of --serve (0: a free one)", DefaultValueFactory = _ => 8765 };
        var command = new Command("dashboard", "HTML report of a trend store: metric table with changes, trends, 2-D projection, factor heat map, compactness histogram")
        {
            store, output, model, serve, port,
        };
        command.SetAction(parse =>
        {
            var storePath = parse.GetValue(store)!;
            var outPath = parse.GetValue(output)!;
            // Opening a store creates it; a dashboard of a store that is not there is a mistake.
            if (!File.Exists(storePath)) throw new FileNotFoundException($"trend store not found: {storePath} (facetcl diagnose writes it; --store names another)");
            var clock = Stopwatch.StartNew();
            string html;
            int runs;
            using (var s = new QualityStore(storePath))
            {
                html = DashboardReport.Build(s, new DashboardOptions { Model = parse.GetValue(model), StoreLabel = storePath });
                runs = s.Runs().Count;
            }
            AtomicFile.WriteAllText(outPath, html);
            var bytes = new FileInfo(outPath).Length;
            var summary = new JsonObject
            {
                ["report"] = Path.GetFullPath(outPath),
                ["bytes"] = bytes,
                ["runs"] = runs,
                ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 2),
            };
            Cli.Err.MarkupLineInterpolated($"[bold]facetcl dashboard[/]: {outPath} ({bytes / 1e6:F1} MB, {runs} runs) in {clock.Elapsed.TotalSeconds:F1} s");
            if (!parse.GetValue(serve))
            {
                Console.WriteLine(summary.ToJsonString());
                return 0;
            }

            using var server = new ReportServer(outPath, parse.GetValue(port));
            summary["url"] = server.Url.ToString();
            Console.WriteLine(summary.ToJsonString());
            Console.Out.Flush();
            Cli.Err.MarkupLineInterpolated($"serving [blue]{server.Url}[/] (Ctrl+C stops)");
            using var stop = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx =>
            {
                ctx.Cancel = true;
                stop.Cancel();
            });
            server.RunAsync(stop.Token).GetAwaiter().GetResult();
            return 0;
        });
        return command;
    }
}
