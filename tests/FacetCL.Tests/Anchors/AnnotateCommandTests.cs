using FacetCL.Anchors;
using FacetCL.Tests.Data;

namespace FacetCL.Tests.Anchors;

public class AnnotateCommandTests
{
    [Fact]
    public void WritesOneAnnotationPerTextAndStatsToStderr()
    {
        using var dir = new TempDir();
        var input = dir.Write("texts.txt", "The dog chased the cat.\n\nThe cat was chased by the dog.\nThe dog chased the cat.\n");
        var output = Path.Combine(dir.Path, "out.jsonl");
        var r = CliRunner.Run(dir.Path, "annotate", "--input", input, "--out", output, "--threads", "2", "--no-cache");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("2 unique", r.Stderr);
        var lines = File.ReadAllLines(output).Select(AnnotationJson.Deserialize).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal("cat", lines[1].Frame.Object);
        Assert.True(lines[1].Frame.Passive);
    }
}
