using System.Text.Json.Nodes;
using FacetCL.Diagnostics;
using FacetCL.Model;
using FacetCL.Tests.Data;
using TorchSharp;

namespace FacetCL.Tests.Diagnostics;

/// <summary><c>facetcl diagnose</c> end to end on a tiny random model and tiny data files.</summary>
public class DiagnoseCliTests
{
    // Two pairs of texts that differ only in punctuation share a frame, so anchors with two members exist.
    internal const string Sts = """
        sentence1	sentence2	score
        A man is playing a guitar.	A man is playing a guitar!	5.0
        The dog chased the cat.	The dog chased the cat!	4.8
        A woman is slicing an onion.	A woman cuts an onion.	4.2
        Two kids play in the park.	Children are playing outside.	3.5
        A plane is taking off.	An airplane departs from the runway.	4.0
        The stock market fell today.	A chef is cooking pasta.	0.2
        A cat sleeps on the sofa.	Rain is falling in the city.	0.0
        The girl reads a book.	A girl is reading.	3.8
        """;

    internal const string Nli = """
        premise	hypothesis	label
        A man inspects the uniform of a figure in an East Asian country.	The man is sleeping.	2
        A man inspects the uniform of a figure in an East Asian country.	A man looks at clothing.	0
        An older and younger man smiling.	Two men are smiling and laughing at the cats.	1
        An older and younger man smiling.	Two men are smiling.	0
        A soccer game with multiple males playing.	Some men are playing a sport.	0
        A black race car starts up in front of a crowd of people.	A man is driving down a lonely road.	2
        A black race car starts up in front of a crowd of people.	A car is starting.	0
        A smiling costumed woman is holding an umbrella.	A happy woman in a fairy costume holds an umbrella.	1
        A smiling costumed woman is holding an umbrella.	A woman holds an umbrella.	0
        """;

    static string TinyModel(string dir)
    {
        torch.manual_seed(7);
        var shape = new BertConfig { NumHiddenLayers = 2, HiddenSize = 32, NumAttentionHeads = 4, IntermediateSize = 64, MaxPositionEmbeddings = 64 };
        using var model = new SentenceModel(new BertEncoder(shape), new WordPieceTokenizer(PretrainedMiniLm.VocabPath), new ModelSettings { BaseModel = "random", MaxSeqLength = 48 });
        var path = Path.Combine(dir, "model");
        model.Save(path);
        return path;
    }

    [Fact]
    public async Task DiagnoseWritesTheReportAndAppendsToTheStoreAlsoFromConcurrentRuns()
    {
        using var dir = new TempDir();
        var model = TinyModel(dir.Path);
        var sts = dir.Write("sts.tsv", Sts);
        var nli = dir.Write("nli.tsv", Nli);
        var store = Path.Combine(dir.Path, "quality.db");

        var result = CliRunner.Run(dir.Path, "diagnose", "--model", model, "--data", sts, "--data", nli, "--store", store, "--robustness-pairs", "6");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var summary = JsonNode.Parse(result.Stdout)!;
        Assert.Equal(Path.Combine(model, "diagnostics.json"), (string)summary["diagnostics"]!);
        Assert.Equal(1, (long)summary["run_id"]!);

        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(model, "diagnostics.json")))!;
        Assert.Equal(model, (string)json["model"]!);
        Assert.Equal("base", (string)json["reference"]!);
        Assert.Equal(8, (int)json["data"]!["sts_pairs"]!);
        Assert.Equal(9, (int)json["data"]!["nli_pairs"]!);
        Assert.Matches("^[0-9a-f]{64}$", (string)json["config_hash"]!);
        var m = json["metrics"]!;
        Assert.Equal(8, (int)m["sts_spearman"]!["pairs"]!);
        Assert.InRange((double)m["sts_spearman"]!["value"]!, -100, 100);
        Assert.Equal(4, (int)m["alignment"]!["positive_pairs"]!); // gold ≥ 4: 5.0, 4.8, 4.2, 4.0
        Assert.InRange((double)m["alignment"]!["value"]!, 0, 4);
        // Few texts: every distinct pair is used, so the estimates are exact.
        Assert.True((bool)m["uniformity"]!["exact"]!);
        Assert.InRange((double)m["uniformity"]!["value"]!, -4.5, 0);
        Assert.InRange((double)m["anisotropy"]!["value"]!, -1, 1);
        Assert.InRange((double)m["effective_rank"]!["value"]!, 1, 32);
        Assert.False((bool)m["effective_rank"]!["sampled"]!);
        Assert.True((int)m["intra_anchor_compactness"]!["anchors"]! >= 2, json.ToJsonString());
        Assert.InRange((double)m["intra_anchor_compactness"]!["value"]!, 0, 2);
        Assert.True((double)m["inter_anchor_separation"]!["min"]! > 0);
        Assert.Equal(6, (int)m["robustness"]!["pairs"]!);
        Assert.True((double)m["robustness"]!["gain_ratio"]!["typo"]! > 0);
        Assert.True((double)m["robustness"]!["change"]!["mean"]! > 0);
        Assert.Equal(0.1, (double)m["robustness"]!["rates"]!["typo"]!);
        Assert.InRange((double)m["task_structure_alignment"]!["value"]!, -1, 1);
        var notApplicable = json["not_applicable"]!.AsArray().Select(n => (string)n!["metric"]!).ToList();
        Assert.Contains("factor_orthogonality_index", notApplicable);
        Assert.Contains("factor_probe_accuracy", notApplicable);
        Assert.Contains("not applicable: factor_orthogonality_index", result.Stderr);
        Assert.Contains("uniformity", result.Stderr); // the table

        // Two runs at once on the same store: both rows arrive.
        var runs = Enumerable.Range(0, 2).Select(i => Task.Run(() => CliRunner.Run(dir.Path, "diagnose", "--model", model, "--data", sts, "--store", store,
            "--out", Path.Combine(dir.Path, $"d{i}.json"), "--no-anchors", "--reference", "none"))).ToArray();
        foreach (var r in await Task.WhenAll(runs)) Assert.True(r.ExitCode == 0, r.Stderr);
        using var check = new QualityStore(store);
        var rows = check.Runs();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(model, r.Model));
        Assert.Equal(2, rows.Count(r => r.Data == $"{sts} (8 scored pairs)"));
        var stored = JsonNode.Parse(rows[^1].MetricsJson)!;
        Assert.Null(stored["metrics"]!["robustness"]!["value"]); // no reference, no gain
        Assert.Contains("intra_anchor_compactness", stored["not_applicable"]!.AsArray().Select(n => (string)n!["metric"]!));
    }

    [Fact]
    public void MissingModelFolderExitsTwo()
    {
        using var dir = new TempDir();
        var sts = dir.Write("sts.tsv", Sts);
        var r = CliRunner.Run(dir.Path, "diagnose", "--model", Path.Combine(dir.Path, "nope"), "--data", sts, "--store", Path.Combine(dir.Path, "q.db"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("model folder not found", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.False(File.Exists(Path.Combine(dir.Path, "q.db")));
    }

    [Fact]
    public void BadDataFilesExitTwoWithFileAndLine()
    {
        using var dir = new TempDir();
        var model = TinyModel(dir.Path);
        var bad = dir.Write("bad.tsv", "sentence1\tsentence2\tscore\nA dog runs.\tA dog is running.\t4.5\nA cat.\tA kitten.\thigh\n");
        var r = CliRunner.Run(dir.Path, "diagnose", "--model", model, "--data", bad);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("bad.tsv:3", r.Stderr);

        var unscored = dir.Write("pairs.tsv", "sentence1\tsentence2\nA dog runs.\tA dog is running.\n");
        r = CliRunner.Run(dir.Path, "diagnose", "--model", model, "--data", unscored);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("diagnose needs scored pairs", r.Stderr);

        var badLabel = dir.Write("nli.tsv", "premise\thypothesis\tlabel\nA man sleeps.\tA man rests.\tmaybe\n");
        r = CliRunner.Run(dir.Path, "diagnose", "--model", model, "--data", badLabel);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("nli.tsv:2", r.Stderr);

        r = CliRunner.Run(dir.Path, "diagnose", "--model", model, "--data", "stsb:final");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("stsb:train|dev|test", r.Stderr);

        r = CliRunner.Run(dir.Path, "diagnose", "--model", model, "--data", Path.Combine(dir.Path, "missing.tsv"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("missing.tsv", r.Stderr);
        Assert.False(File.Exists(Path.Combine(model, "diagnostics.json")));
    }
}
