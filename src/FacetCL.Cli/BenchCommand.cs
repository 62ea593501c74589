using System.CommandLine;
using FacetCL.Bench;
using Spectre.Console;

namespace FacetCL.Cli;

/// <summary><c>facetcl bench</c>: facetcl against the plain contrastive recipe and against ONNX Runtime.</summary>
static class BenchCommand
{
    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "tiny random model and a few steps: checks the benchmark itself (~1 minute)" };
        var ablations = new Option<bool>("--ablations") { Description = "add one arm per landed stage with that stage off" };
        var seeds = new Option<string>("--seeds") { Description = "comma-separated seeds (at least two)", DefaultValueFactory = _ => "1,2" };
        var steps = new Option<int?>("--steps") { Description = "training steps per arm (default 150; quick 8)" };
        var batch = new Option<int?>("--batch-size") { Description = "triplets per batch (default 32; quick 8)" };
        var extra = new Option<string[]>("--extra-pairs") { Description = "extra scored pair files to evaluate (also removed from training)", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out") { Description = "results folder", DefaultValueFactory = _ => Path.Combine("bench", "results") };
        var dataRoot = new Option<string?>("--data-root") { Description = "data folder (default: $FACETCL_DATA, else ../shared/data)" };
        var command = new Command("bench", "benchmark facetcl against the plain contrastive recipe and ONNX Runtime: quality, speed, memory")
        {
            quick, ablations, seeds, steps, batch, extra, output, dataRoot,
            DiagnosticsScaleCommand.Create(),
        };
        command.SetAction(parse =>
        {
            var isQuick = parse.GetValue(quick);
            var seedList = parse.GetValue(seeds)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => int.TryParse(s, out var v) ? v : throw new ArgumentException($"--seeds: '{s}' is not an integer")).ToList();
            if (seedList.Count < 2) throw new ArgumentException("--seeds: give at least two seeds, so that spread can be measured");
            var options = new BenchOptions
            {
                Quick = isQuick,
                Ablations = parse.GetValue(ablations),
                Seeds = seedList,
                Steps = parse.GetValue(steps) ?? (isQuick ? 8 : 150),
                BatchSize = parse.GetValue(batch) ?? (isQuick ? 8 : 32),
                BlockSteps = isQuick ? 2 : 10,
                EncodeBatchSize = 32,
                ExtraPairs = parse.GetValue(extra) ?? [],
                OutputDir = parse.GetValue(output)!,
                DataRoot = parse.GetValue(dataRoot),
            };
            var bench = new Benchmark(options, message => Cli.Err.MarkupLineInterpolated($"[grey]{message}[/]"));
            var results = bench.Run();
            var path = bench.Save(results);
            Console.WriteLine(BenchReport.Markdown(results));
            Cli.Err.MarkupLineInterpolated($"results: [blue]{path}[/] ({results["wall_seconds"]} s)");
            return 0;
        });
        return command;
    }
}
