using System.CommandLine;
using FacetCL.Bench;
using Spectre.Console;

namespace FacetCL.Cli;

/// <summary><c>facetcl bench diagnostics-scale</c>: the task-free diagnostics on 1M synthetic clustered embeddings, timed, with peak memory.</summary>
static class DiagnosticsScaleCommand
{
    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = $"{DiagnosticsScaleOptions.QuickRows:N0} rows and {DiagnosticsScaleOptions.QuickAnchors:N0} anchors: checks the benchmark itself (seconds)" };
        var rows = new Option<int?>("--rows") { Description = $"embeddings (default {DiagnosticsScaleOptions.DefaultRows:N0}; quick {DiagnosticsScaleOptions.QuickRows:N0})" };
        var dim = new Option<int>("--dim") { Description = "dimensions per embedding", DefaultValueFactory = _ => DiagnosticsScaleOptions.DefaultDim };
        var anchors = new Option<int?>("--anchors") { Description = $"anchors (clusters) (default {DiagnosticsScaleOptions.DefaultAnchors:N0}; quick {DiagnosticsScaleOptions.QuickAnchors:N0})" };
        var seed = new Option<int>("--seed") { Description = "seed of the data and of every sample", DefaultValueFactory = _ => new DiagnosticsScaleOptions().Seed };
        var chunk = new Option<int>("--chunk-rows") { Description = "centroids per chunk of the pairwise distances", DefaultValueFactory = _ => new DiagnosticsScaleOptions().ChunkRows };
        var output = new Option<string>("--out") { Description = "results folder", DefaultValueFactory = _ => Path.Combine("bench", "results") };
        var command = new Command("diagnostics-scale", "time the task-free diagnostics and their peak memory on seeded synthetic clustered embeddings (1M × 384, 50k anchors by default)")
        {
            quick, rows, dim, anchors, seed, chunk, output,
        };
        command.SetAction(parse =>
        {
            var isQuick = parse.GetValue(quick);
            var options = new DiagnosticsScaleOptions
            {
                Quick = isQuick,
                Rows = parse.GetValue(rows) ?? (isQuick ? DiagnosticsScaleOptions.QuickRows : DiagnosticsScaleOptions.DefaultRows),
                Dim = parse.GetValue(dim),
                Anchors = parse.GetValue(anchors) ?? (isQuick ? DiagnosticsScaleOptions.QuickAnchors : DiagnosticsScaleOptions.DefaultAnchors),
                Seed = parse.GetValue(seed),
                ChunkRows = parse.GetValue(chunk),
                OutputDir = parse.GetValue(output)!,
            };
            var bench = new DiagnosticsScaleBenchmark(options, message => Cli.Err.MarkupLineInterpolated($"[grey]{message}[/]"));
            var results = bench.Run();
            var path = bench.Save(results);
            Console.WriteLine(DiagnosticsScaleReport.Markdown(results));
            Cli.Err.MarkupLineInterpolated($"results: [blue]{path}[/] ({results["wall_seconds"]} s)");
            return 0;
        });
        return command;
    }
}
