using System.Text.Json.Nodes;
using FacetCL.Training;
using Spectre.Console;

namespace FacetCL.Cli;

/// <summary>
/// Draws training progress: a live bar with loss and speed on a terminal; on a pipe or in CI (no
/// live display possible) a plain line every few steps.
/// </summary>
sealed class ConsoleTrainingObserver(IAnsiConsole console) : ITrainingObserver
{
    ProgressTask? task;
    int totalSteps;
    double lossAverage = double.NaN;
    readonly bool live = console.Profile.Capabilities.Interactive;

    public JsonObject Run(Func<JsonObject> job)
    {
        if (!live) return job();
        JsonObject? result = null;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                task = ctx.AddTask("preparing", autoStart: false);
                result = job();
            });
        return result!;
    }

    public void Started(int fromStep, int totalSteps, int tripletCount)
    {
        this.totalSteps = totalSteps;
        if (task is not null)
        {
            task.MaxValue = totalSteps;
            task.Value = fromStep;
            task.Description = "training";
            task.StartTask();
        }
        else
        {
            console.MarkupLineInterpolated($"training steps {fromStep + 1}..{totalSteps} on {tripletCount} triplets");
        }
    }

    public void Stepped(StepRecord r)
    {
        lossAverage = double.IsNaN(lossAverage) ? r.Loss : 0.9 * lossAverage + 0.1 * r.Loss;
        var text = $"step {r.Step}/{totalSteps} loss {lossAverage:F4} {r.TripletsPerSecond:F1} triplets/s {r.StepSeconds:F2} s/step";
        if (task is not null)
        {
            task.Description = text;
            task.Value = r.Step;
        }
        else if (r.Step % 10 == 0 || r.Step == totalSteps || r.Step == 1)
        {
            console.WriteLine(text);
        }
    }

    public void Evaluated(int step, double devSpearman, bool isBest) =>
        console.MarkupLineInterpolated($"step {step}: STS-B dev Spearman [bold]{devSpearman:F2}[/]{(isBest ? " (best so far)" : "")}");

    public void Weighted(int step, IReadOnlyDictionary<string, double> weights, IReadOnlyDictionary<string, double> metrics) =>
        console.MarkupLineInterpolated($"[grey]step {step}: loss weights {string.Join(", ", weights.Select(kv => $"{kv.Key} {kv.Value:G3}"))}; held-out {string.Join(", ", metrics.Select(kv => $"{kv.Key} {kv.Value:F3}"))}[/]");

    public void Info(string message) => console.MarkupLineInterpolated($"[grey]{message}[/]");
}
