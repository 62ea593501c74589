using System.CommandLine;
using System.Globalization;
using FacetCL.Anchors;
using Spectre.Console;

namespace FacetCL.Cli;

/// <summary>
/// <c>facetcl anchors</c>: inspect and curate the anchor library. Curators export a CSV, change
/// statuses (validated / rejected), and import it back; the next build honours their decisions.
/// </summary>
static class AnchorsCommand
{
    public static Command Create() => new("anchors", "inspect and curate the semantic anchor library")
    {
        Build(),
        Stats(),
        Export(),
        Import(),
    };

    static Option<string> DbOption() => new("--db") { Description = $"anchor library file (default: {AnchorLibrary.DefaultPath})", DefaultValueFactory = _ => AnchorLibrary.DefaultPath };

    static Command Build()
    {
        var db = DbOption();
        var config = new Option<string?>("--config", "-c") { Description = "training config whose training texts are anchored (default: the built-in defaults)" };
        var set = new Option<string[]>("--set") { Description = "override a config field (repeatable), e.g. data.max_triplets=1000", AllowMultipleArgumentsPerToken = true };
        var command = new Command("build", "annotate and fingerprint a run's training texts and (re)build the library (curation kept)") { db, config, set };
        command.SetAction(parse =>
        {
            var cfg = parse.GetValue(config) is { } path ? Training.TrainConfig.Load(path) : new Training.TrainConfig();
            cfg.Apply(parse.GetValue(set) ?? []);
            var data = Training.TrainingJob.LoadData(cfg);
            var result = Training.RunAnchors.Build(data.Train, parse.GetValue(db)!, $"anchors build: {cfg.Name} training triplets ({data.Train.Count})",
                message => Cli.Err.MarkupLineInterpolated($"[grey]{message}[/]"));
            using var library = AnchorLibrary.OpenExisting(parse.GetValue(db)!);
            Print(library.Stats(), library.Path);
            return 0;
        });
        return command;
    }

    static Command Stats()
    {
        var db = DbOption();
        var json = new Option<bool>("--json") { Description = "print the figures as one JSON object on stdout" };
        var command = new Command("stats", "anchor counts, support histogram, coverage, disagreements") { db, json };
        command.SetAction(parse =>
        {
            using var library = AnchorLibrary.OpenExisting(parse.GetValue(db)!);
            var stats = library.Stats();
            if (parse.GetValue(json))
            {
                var obj = stats.ToJson();
                obj["db"] = library.Path;
                Console.WriteLine(obj.ToJsonString());
            }
            else
            {
                Print(stats, library.Path);
            }
            return 0;
        });
        return command;
    }

    static Command Export()
    {
        var db = DbOption();
        var output = new Option<string>("--out", "-o") { Description = "CSV file to write (replaced atomically)", Required = true };
        var command = new Command("export", "write all anchors to a CSV for curation") { db, output };
        command.SetAction(parse =>
        {
            using var library = AnchorLibrary.OpenExisting(parse.GetValue(db)!);
            var count = library.ExportCsv(parse.GetValue(output)!);
            Cli.Err.MarkupLineInterpolated($"exported [blue]{count}[/] anchors to [blue]{parse.GetValue(output)}[/]");
            return 0;
        });
        return command;
    }

    static Command Import()
    {
        var db = DbOption();
        var csv = new Option<string>("--csv") { Description = "curated CSV (columns id, status, optional canonical_text)", Required = true };
        var command = new Command("import", "apply curated statuses from a CSV (all rows or none)") { db, csv };
        command.SetAction(parse =>
        {
            using var library = AnchorLibrary.OpenExisting(parse.GetValue(db)!);
            var report = library.ImportCsv(parse.GetValue(csv)!);
            Cli.Err.MarkupLineInterpolated($"imported [blue]{report.Rows}[/] rows: {report.StatusChanges} status changes, {report.TextChanges} canonical text changes");
            return 0;
        });
        return command;
    }

    /// <summary>Human-readable stats on stderr, so stdout stays free for JSON.</summary>
    static void Print(AnchorStats stats, string path)
    {
        static string Pct(double share) => share.ToString("P1", CultureInfo.InvariantCulture);
        var summary = new Table().Title($"anchor library {Markup.Escape(path)}").AddColumn("figure").AddColumn(new TableColumn("value").RightAligned());
        summary.AddRow("anchors", stats.Anchors.ToString(CultureInfo.InvariantCulture));
        foreach (var (status, count) in stats.ByStatus) summary.AddRow($"  {status.ToName()}", count.ToString(CultureInfo.InvariantCulture));
        summary.AddRow("singleton share", Pct(stats.SingletonShare));
        foreach (var (bucket, count) in stats.SupportHistogram) summary.AddRow($"  support {bucket}", count.ToString(CultureInfo.InvariantCulture));
        summary.AddRow("texts", stats.Texts.ToString(CultureInfo.InvariantCulture));
        summary.AddRow("aligned (coverage)", $"{stats.AlignedTexts} ({Pct(stats.Coverage)})");
        summary.AddRow("disagreements", stats.Disagreements.ToString(CultureInfo.InvariantCulture));
        Cli.Err.Write(summary);

        if (stats.TopAnchors.Count > 0)
        {
            var top = new Table().Title("top anchors by support").AddColumn("id").AddColumn("canonical text").AddColumn(new TableColumn("support").RightAligned()).AddColumn("status");
            foreach (var a in stats.TopAnchors) top.AddRow(Markup.Escape(a.Id), Markup.Escape(a.CanonicalText), a.Support.ToString(CultureInfo.InvariantCulture), a.Status.ToName());
            Cli.Err.Write(top);
        }

        if (stats.DisagreementExamples.Count > 0)
        {
            var table = new Table().Title("disagreements (soft best match is another anchor)").AddColumn("text").AddColumn("own anchor").AddColumn("rival").AddColumn(new TableColumn("scores").RightAligned());
            foreach (var d in stats.DisagreementExamples)
            {
                table.AddRow(Markup.Escape(d.Text), Markup.Escape(d.OwnAnchorId), Markup.Escape(d.RivalAnchorId), string.Create(CultureInfo.InvariantCulture, $"{d.OwnScore:0.00} < {d.RivalScore:0.00}"));
            }
            Cli.Err.Write(table);
        }
    }
}
