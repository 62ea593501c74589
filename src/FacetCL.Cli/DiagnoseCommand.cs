using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using FacetCL.Diagnostics;
using FacetCL.Model;
using Spectre.Console;

namespace FacetCL.Cli;

/// <summary>
/// <c>facetcl diagnose</c>: the task-free quality report of a model (<see cref="QualityDiagnostics"/>):
/// a table on stderr, <c>diagnostics.json</c> written atomically (next to the model, or <c>--out</c>),
/// the run appended to the SQLite trend store (<see cref="QualityStore"/>), and one JSON line on stdout
/// naming both.
/// </summary>
static class DiagnoseCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model", "-m") { Description = "model folder, or 'base' for the packaged all-MiniLM-L6-v2", Required = true };
        var data = new Option<string[]>("--data", "-d")
        {
            Description = "data, repeatable: stsb:test, xnli:validation, snli:dev|test, mnli:dev, a scored pair file or an NLI table (premise, hypothesis, label); default stsb:test and xnli:validation",
            AllowMultipleArgumentsPerToken = true,
        };
        var dataRoot = new Option<string?>("--data-root") { Description = "data folder for stsb:… and xnli:… (default: $FACETCL_DATA, else ../shared/data)" };
        var store = new Option<string>("--store") { Description = "SQLite trend store to append the run to", DefaultValueFactory = _ => QualityStore.DefaultPath };
        var noStore = new Option<bool>("--no-store") { Description = "do not append to the trend store" };
        var reference = new Option<string>("--reference") { Description = "reference model of the robustness gain ratio ('base', a model folder, or 'none')", DefaultValueFactory = _ => SentenceModel.BaseName };
        var output = new Option<string?>("--out", "-o") { Description = "diagnostics.json path (default: <model>/diagnostics.json; runs/base/diagnostics.json for base)" };
        var noAnchors = new Option<bool>("--no-anchors") { Description = "skip annotation (the anchor metrics are then not applicable)" };
        var defaults = new DiagnosticOptions();
        var seed = new Option<int>("--seed") { Description = "seed of every sample", DefaultValueFactory = _ => defaults.Seed };
        var uniformityPairs = new Option<int>("--uniformity-pairs") { Description = "random pairs for uniformity and anisotropy (at least 100000)", DefaultValueFactory = _ => defaults.UniformityPairs };
        var robustnessPairs = new Option<int>("--robustness-pairs") { Description = "scored pairs (seeded sample) given noise", DefaultValueFactory = _ => defaults.RobustnessPairs };
        var typoRate = new Option<double>("--typo-rate") { Description = "share of words given a typo", DefaultValueFactory = _ => defaults.TypoRate };
        var dropRate = new Option<double>("--drop-rate") { Description = "share of tokens dropped", DefaultValueFactory = _ => defaults.TokenDropRate };
        var synonymRate = new Option<double>("--synonym-rate") { Description = "share of words swapped for a WordNet synonym", DefaultValueFactory = _ => defaults.SynonymRate };
        var batch = new Option<int>("--batch-size") { Description = "sentences per forward pass", DefaultValueFactory = _ => defaults.BatchSize };
        var maxLength = new Option<int?>("--max-length") { Description = "token limit (default: the model's)" };
        var projectionPoints = new Option<int>("--projection-points") { Description = "texts (seeded sample) of the 2-D projection stored for the dashboard", DefaultValueFactory = _ => defaults.ProjectionPoints };

        var command = new Command("diagnose", "task-free quality report of a model: metrics table, diagnostics.json, trend store")
        {
            model, data, dataRoot, store, noStore, reference, output, noAnchors, seed, uniformityPairs, robustnessPairs, typoRate, dropRate, synonymRate, batch, maxLength, projectionPoints,
        };
        command.SetAction(parse =>
        {
            var options = new DiagnosticOptions
            {
                Seed = parse.GetValue(seed),
                UniformityPairs = parse.GetValue(uniformityPairs),
                RobustnessPairs = parse.GetValue(robustnessPairs),
                TypoRate = parse.GetValue(typoRate),
                TokenDropRate = parse.GetValue(dropRate),
                SynonymRate = parse.GetValue(synonymRate),
                BatchSize = parse.GetValue(batch),
                MaxLength = parse.GetValue(maxLength),
                ProjectionPoints = parse.GetValue(projectionPoints),
            };
            if (options.UniformityPairs < 100_000) throw new ArgumentException("--uniformity-pairs must be at least 100000");
            if (options.RobustnessPairs < 1) throw new ArgumentException("--robustness-pairs must be positive");
            foreach (var (name, rate) in new[] { ("--typo-rate", options.TypoRate), ("--drop-rate", options.TokenDropRate), ("--synonym-rate", options.SynonymRate) })
                if (rate is < 0 or > 1) throw new ArgumentException($"{name} must be between 0 and 1");
            if (options.BatchSize < 1) throw new ArgumentException("--batch-size must be positive");
            if (options.ProjectionPoints < 1) throw new ArgumentException("--projection-points must be positive");

            // Every input is checked before any work: model folder, data files, reference.
            var modelName = parse.GetValue(model)!;
            var referenceName = parse.GetValue(reference)!;
            if (modelName != SentenceModel.BaseName && !Directory.Exists(modelName)) throw new DirectoryNotFoundException($"model folder not found: {modelName}");
            if (referenceName is not ("none" or SentenceModel.BaseName) && !Directory.Exists(referenceName)) throw new DirectoryNotFoundException($"reference model folder not found: {referenceName}");
            var diagnosticData = DiagnosticDataSources.Load(parse.GetValue(data) ?? [], parse.GetValue(dataRoot));
            var outPath = parse.GetValue(output) ?? (modelName == SentenceModel.BaseName ? Path.Combine("runs", "base", "diagnostics.json") : Path.Combine(modelName, "diagnostics.json"));

            using var m = SentenceModel.Load(modelName);
            var sameReference = referenceName == "none" || Path.GetFullPath(referenceName) == Path.GetFullPath(modelName) || referenceName == modelName;
            using var refModel = sameReference ? null : SentenceModel.Load(referenceName);
            Cli.Err.MarkupLineInterpolated($"[bold]facetcl diagnose[/] [blue]{modelName}[/] on {diagnosticData.Description}");

            DiagnosticsResult result = null!;
            RunWithProgress(progress =>
            {
                AnchorAssignment? anchors = null;
                if (!parse.GetValue(noAnchors))
                {
                    var texts = diagnosticData.Texts();
                    const string stage = "anchors: annotate (cached by text)";
                    progress.Report(stage, 0, texts.Count);
                    anchors = DiagnosticAnchors.Assign(texts, new Progress<int>(n => progress.Report(stage, n, texts.Count)));
                    progress.Report(stage, texts.Count, texts.Count);
                }
                result = QualityDiagnostics.Evaluate(m, modelName, referenceName == "none" ? null : refModel ?? m, referenceName == "none" ? null : referenceName,
                    diagnosticData, anchors, options, progress);
            });

            var report = result.Report;
            var json = report.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
            AtomicFile.WriteAllText(outPath, json + "\n");
            long? runId = null;
            var storePath = parse.GetValue(store)!;
            if (!parse.GetValue(noStore))
            {
                using var s = new QualityStore(storePath);
                runId = s.Append(modelName, diagnosticData.Description, (string)report["config_hash"]!, DateTime.UtcNow, report.ToJsonString(), result.Snapshot);
            }
            PrintTable(report);
            Console.WriteLine(new JsonObject
            {
                ["diagnostics"] = Path.GetFullPath(outPath),
                ["store"] = runId is null ? null : Path.GetFullPath(storePath),
                ["run_id"] = runId,
                ["seconds"] = report["seconds"]?.DeepClone(),
            }.ToJsonString());
            return 0;
        });
        return command;
    }

    /// <summary>A Spectre progress display on a terminal; plain lines (start and end of each stage) otherwise.</summary>
    static void RunWithProgress(Action<IDiagnosticsProgress> work)
    {
        if (Cli.Err.Profile.Capabilities.Interactive && !Console.IsErrorRedirected)
        {
            Cli.Err.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(ctx => work(new SpectreProgress(ctx)));
        }
        else
        {
            work(new LineProgress());
        }
    }

    sealed class SpectreProgress(ProgressContext ctx) : IDiagnosticsProgress
    {
        readonly Dictionary<string, ProgressTask> tasks = [];

        public void Report(string stage, int done, int total)
        {
            lock (tasks)
            {
                if (!tasks.TryGetValue(stage, out var task)) tasks[stage] = task = ctx.AddTask(Markup.Escape(stage), maxValue: Math.Max(1, total));
                task.Value = done;
            }
        }
    }

    /// <summary>For logs (cron): a line when a stage starts, at each quarter of a long stage, and when it ends.</summary>
    sealed class LineProgress : IDiagnosticsProgress
    {
        readonly Dictionary<string, (DateTime Start, int Quarter, bool Done)> stages = [];

        public void Report(string stage, int done, int total)
        {
            lock (stages)
            {
                if (!stages.TryGetValue(stage, out var s))
                {
                    stages[stage] = s = (DateTime.UtcNow, 0, false);
                    Console.Error.WriteLine($"diagnose: {stage}: {total} …");
                }
                if (s.Done) return;
                var seconds = (DateTime.UtcNow - s.Start).TotalSeconds;
                if (done >= total)
                {
                    Console.Error.WriteLine($"diagnose: {stage}: done in {seconds:F1} s");
                    stages[stage] = s with { Done = true };
                }
                else if (total >= 1000 && 4L * done / total > s.Quarter)
                {
                    var quarter = (int)(4L * done / total);
                    Console.Error.WriteLine($"diagnose: {stage}: {done}/{total} ({seconds:F0} s)");
                    stages[stage] = s with { Quarter = quarter };
                }
            }
        }
    }

    static void PrintTable(JsonObject report)
    {
        var metrics = report["metrics"]!.AsObject();
        var table = new Table().Title($"diagnostics of {Markup.Escape((string)report["model"]!)}")
            .AddColumn("metric").AddColumn(new TableColumn("value").RightAligned()).AddColumn("better").AddColumn("detail");
        foreach (var metric in QualityMetrics.All)
        {
            if (metrics[metric.Key] is not JsonObject m) continue;
            table.AddRow(Markup.Escape(metric.Label), Format(m["value"]), Markup.Escape(metric.Better), Markup.Escape(Detail(metric.Key, m)));
        }
        Cli.Err.Write(table);
        foreach (var na in report["not_applicable"]!.AsArray())
            Cli.Err.MarkupLineInterpolated($"[grey]not applicable: {(string)na!["metric"]!}: {(string)na["reason"]!}[/]");
    }

    static string Detail(string key, JsonObject m) => key switch
    {
        "sts_spearman" => $"Pearson {Format(m["pearson"])}; {m["pairs"]} pairs",
        "alignment" => $"{m["positive_pairs"]} positive pairs",
        "uniformity" or "anisotropy" => $"SE {Format(m["standard_error"])}; {m["pairs"]} pairs",
        "effective_rank" => $"of {m["dim"]}; {m["rows"]} rows{((bool)m["sampled"]! ? " (sample)" : "")}",
        "intra_anchor_compactness" => $"{m["anchors"]} anchors; std {Format(m["mean_std"])}",
        "inter_anchor_separation" => $"min; p5 {Format(m["p5"])}",
        "robustness" => $"change {Format(m["change"]!["mean"])} vs {Format(m["reference_change"]?["mean"])}",
        "task_structure_alignment" => $"{m["pairs_a"]}/{m["pairs_b"]} pairs",
        "factor_orthogonality_index" => $"{m["factors"]!.AsArray().Count} factors × {m["dim"]} dims; {m["texts"]} texts",
        _ => "",
    };

    static string Format(JsonNode? v) => v is null ? "n/a" : ((double)v).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
}
