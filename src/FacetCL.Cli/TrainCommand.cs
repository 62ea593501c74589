using System.Globalization;
using System.CommandLine;
using FacetCL.Training;
using Spectre.Console;

namespace FacetCL.Cli;

/// <summary><c>facetcl train</c>: the main job (fine-tune on NLI triplets, evaluate on STS-B).</summary>
static class TrainCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config", "-c") { Description = "YAML config file (defaults apply to missing fields)" };
        var name = new Option<string?>("--name") { Description = "run name: outputs go to <output_dir>/<name>/" };
        var steps = new Option<int?>("--steps") { Description = "training steps" };
        var batch = new Option<int?>("--batch-size") { Description = "triplets per batch" };
        var output = new Option<string?>("--output-dir") { Description = "parent folder of run folders (default runs)" };
        var dataRoot = new Option<string?>("--data-root") { Description = "data folder (default: $FACETCL_DATA, else ../shared/data)" };
        var threads = new Option<int?>("--threads") { Description = "LibTorch threads (default: all cores)" };
        var set = new Option<string[]>("--set") { Description = "override any config field: --set training.learning_rate=1e-5 (repeatable)", AllowMultipleArgumentsPerToken = true };
        var resume = new Option<bool>("--resume") { Description = "continue from the run's last checkpoint (a finished run is only re-evaluated)" };
        var killAfter = new Option<int?>("--kill-after-step") { Description = "testing: kill the process right after this step", Hidden = true };

        var command = new Command("train", "fine-tune a sentence encoder on NLI triplets and evaluate it on STS-B")
        {
            config, name, steps, batch, output, dataRoot, threads, set, resume, killAfter,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(config);
            var cfg = path is null ? new TrainConfig() : TrainConfig.Load(path);
            var overrides = new List<string>();
            if (parse.GetValue(name) is { } n) overrides.Add($"name={n}");
            if (parse.GetValue(steps) is { } s) overrides.Add($"training.steps={s}");
            if (parse.GetValue(batch) is { } b) overrides.Add($"training.batch_size={b}");
            if (parse.GetValue(output) is { } o) overrides.Add($"output_dir={o}");
            if (parse.GetValue(dataRoot) is { } d) overrides.Add($"data.root={d}");
            if (parse.GetValue(threads) is { } t) overrides.Add($"training.threads={t}");
            overrides.AddRange(parse.GetValue(set) ?? []);
            cfg.Apply(overrides);

            var observer = new ConsoleTrainingObserver(Cli.Err);
            var job = new TrainingJob(cfg, observer) { KillAfterStep = parse.GetValue(killAfter) };
            Cli.Err.MarkupLineInterpolated($"[bold]facetcl train[/] run [blue]{cfg.Name}[/] → {job.RunDir}");
            var metrics = observer.Run(() => job.Run(parse.GetValue(resume)));
            PrintSummary(metrics);
            return 0;
        });
        return command;
    }

    static void PrintSummary(System.Text.Json.Nodes.JsonObject m)
    {
        var table = new Table().Title("Before and after training (×100, cosine similarity)").AddColumns("", "before", "after");
        table.AddRow("test Spearman", $"{m["stsb_test_spearman_before"]}", $"{m["stsb_test_spearman_after"]}");
        table.AddRow("test Pearson", $"{m["stsb_test_pearson_before"]}", $"{m["stsb_test_pearson_after"]}");
        table.AddRow("dev Spearman (model selection)", $"{m["stsb_dev_spearman_before"]}", $"{m["stsb_dev_spearman_after"]}");
        table.AddRow("NLI dev triplet accuracy (XNLI-en val.)", $"{m["nli_dev_triplet_accuracy_before"]}", $"{m["nli_dev_triplet_accuracy_after"]}");
        // Factor probes: accuracy of a logistic-regression probe per factor, vector and test set.
        if (m["eval_before"]?["factor_probes"] is System.Text.Json.Nodes.JsonObject probesBefore && m["eval_after"]?["factor_probes"] is System.Text.Json.Nodes.JsonObject probesAfter)
            foreach (var (factor, task) in probesAfter)
                foreach (var (vector, tests) in task!.AsObject().Where(kv => kv.Key != "test_texts"))
                    if (tests is System.Text.Json.Nodes.JsonObject accuracies)
                        foreach (var (test, value) in accuracies.Where(kv => kv.Key != "dims"))
                            table.AddRow(Markup.Escape($"{factor} probe, {vector} ({accuracies["dims"]}-d), {test}"), $"{probesBefore[factor]?[vector]?[test]}", $"{value}");
        Cli.Err.Write(table);
        Cli.Err.MarkupLineInterpolated(
            $"steps {m["steps"]} (model selected at step {m["selected_step"]}), mean step {m["mean_step_seconds"]} s, {m["training_triplets_per_second"]} triplets/s, wall {m["wall_seconds"]} s, peak RSS {m["peak_resident_mb"]} MB");
        if (m["anchors"] is System.Text.Json.Nodes.JsonObject anchors && anchors["library"] is System.Text.Json.Nodes.JsonObject library)
            Cli.Err.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"anchors: {library["anchors"]} over {library["texts"]} texts ({(double)library["singleton_share"]!:P1} singletons, coverage {(double)library["coverage"]!:P1}); {anchors["extra_positives_used"]} extra positives used, {anchors["false_negatives_masked"]} false negatives masked"));
    }
}
