using FacetCL.Tests.Data;

namespace FacetCL.Tests.Cli;

public class CliErrorTests
{
    [Fact]
    public void MalformedPairFileGivesFileLineFieldAndNonZeroExit()
    {
        using var dir = new TempDir();
        var file = dir.Write("bad.tsv", "sentence1\tsentence2\tscore\nA dog runs.\tA dog is running.\t4.5\nA cat.\tA kitten.\thigh\n");
        var result = CliRunner.Run(dir.Path, "eval", "--model", "base", "--pairs", file);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("bad.tsv:3", result.Stderr);
        Assert.Contains("score", result.Stderr);
        Assert.Equal("", result.Stdout);
        Assert.DoesNotContain("   at ", result.Stderr); // no stack trace
    }

    [Fact]
    public void MissingPairFileIsAClearError()
    {
        using var dir = new TempDir();
        var result = CliRunner.Run(dir.Path, "eval", "--model", "base", "--pairs", Path.Combine(dir.Path, "none.tsv"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("none.tsv", result.Stderr);
    }

    [Fact]
    public void BadConfigFieldIsAClearError()
    {
        using var dir = new TempDir();
        var config = dir.Write("c.yaml", "training:\n  batch_size: 1\n");
        var result = CliRunner.Run(dir.Path, "train", "-c", config);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("training.batch_size", result.Stderr);
    }

    [Fact]
    public void EvalPrintsOneJsonObject()
    {
        using var dir = new TempDir();
        var file = dir.Write("ok.tsv", "sentence1\tsentence2\tscore\nA dog runs.\tA dog is running.\t4.5\nA cat sleeps.\tStocks fell on Monday.\t0.2\nA man cooks.\tA man is cooking food.\t4.0\n");
        var result = CliRunner.Run(dir.Path, "eval", "--model", "base", "--pairs", file);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var json = System.Text.Json.Nodes.JsonNode.Parse(result.Stdout)!;
        Assert.Equal(3, (int)json["n"]!);
        Assert.Equal(100.0, (double)json["spearman"]!); // the base model ranks these three pairs correctly
    }
}
