using FacetCL.Data;

namespace FacetCL.Tests.Data;

public class StsbReaderTests
{
    private const string Line1 = "main-captions\tMSRvid\t2012test\t0000\t5.000\tA man with a hard hat is dancing.\tA man wearing a hard hat is dancing.";

    [Fact]
    public void ReadsSevenAndNineFieldLinesAndKeepsQuotesVerbatim()
    {
        using var dir = new TempDir();
        var file = dir.Write("sts.csv", Line1 + "\n"
            + "main-news\theadlines\t2015\t0001\t2.5\tHe said \"no\" twice.\t\"Quoted\" start and a lone \" quote\tsrc1\tsrc2\n");

        var pairs = StsbReader.Read(file);

        Assert.Equal(2, pairs.Count);
        Assert.Equal(5.0, pairs[0].Score);
        Assert.Equal("A man with a hard hat is dancing.", pairs[0].Sentence1);
        Assert.Equal("He said \"no\" twice.", pairs[1].Sentence1);
        Assert.Equal("\"Quoted\" start and a lone \" quote", pairs[1].Sentence2);
        Assert.Equal(2.5, pairs[1].Score);
        Assert.Equal(new SourceRef(file, 2), pairs[1].Source);
    }

    [Fact]
    public void WrongFieldCountNamesLine()
    {
        using var dir = new TempDir();
        var file = dir.Write("sts.csv", Line1 + "\nmain-news\theadlines\t2015\t0001\t2.5\tonly one sentence\n");
        var ex = Assert.Throws<DataException>(() => StsbReader.Read(file));
        Assert.Contains("sts.csv:2:", ex.Message);
        Assert.Contains("found 6", ex.Message);
    }

    [Theory]
    [InlineData("abc", "not a number")]
    [InlineData("5.5", "outside")]
    [InlineData("-0.1", "outside")]
    public void BadScoreNamesLineAndField(string score, string problem)
    {
        using var dir = new TempDir();
        var file = dir.Write("sts.csv", Line1 + "\n" + Line1.Replace("\t5.000\t", $"\t{score}\t") + "\n");
        var ex = Assert.Throws<DataException>(() => StsbReader.Read(file));
        Assert.Contains("sts.csv:2: field 'score'", ex.Message);
        Assert.Contains(problem, ex.Message);
        Assert.Equal(2, ex.Line);
        Assert.Equal("score", ex.Field);
    }

    [Fact]
    public void EmptySentenceNamesField()
    {
        using var dir = new TempDir();
        var file = dir.Write("sts.csv", Line1.Replace("A man wearing a hard hat is dancing.", "  ") + "\n");
        var ex = Assert.Throws<DataException>(() => StsbReader.Read(file));
        Assert.Contains("sts.csv:1: field 'sentence2': empty text", ex.Message);
    }

    [Fact]
    public void MissingFileIsReported()
    {
        using var dir = new TempDir();
        var ex = Assert.Throws<DataException>(() => StsbReader.Read(System.IO.Path.Combine(dir.Path, "nope.csv")));
        Assert.Contains("nope.csv", ex.Message);
        Assert.Contains("file not found", ex.Message);
    }

    [Fact]
    public void UndecodableBytesNameLine()
    {
        using var dir = new TempDir();
        var bytes = System.Text.Encoding.UTF8.GetBytes(Line1 + "\n" + Line1 + "\n").ToList();
        var secondLine = Line1.Length + 1;
        bytes.InsertRange(secondLine + 3, new byte[] { 0xFF, 0xFE });
        var file = dir.WriteBytes("sts.csv", [.. bytes]);
        var ex = Assert.Throws<DataException>(() => StsbReader.Read(file));
        Assert.Contains("sts.csv:2:", ex.Message);
        Assert.Contains("FF", ex.Message);
        Assert.Contains("at byte 4", ex.Message);
    }
}
