using FacetCL.Data;

namespace FacetCL.Tests.Data;

public class NliReaderTests
{
    [Fact]
    public void ReadsSnliSentEvalTrimmingTokenizedText()
    {
        using var dir = new TempDir();
        dir.Write("s1.dev", "A man , walking . \nTwo dogs . \n");
        dir.Write("s2.dev", "A person moves . \nCats . \n");
        dir.Write("labels.dev", "entailment\ncontradiction\n");

        var pairs = NliReader.ReadSnliSentEval(dir.Path, "dev");

        Assert.Equal(2, pairs.Count);
        Assert.Equal("A man , walking .", pairs[0].Premise);
        Assert.Equal("A person moves .", pairs[0].Hypothesis);
        Assert.Equal(NliLabel.Contradiction, pairs[1].Label);
        Assert.Equal(2, pairs[1].Source.Line);
    }

    [Fact]
    public void SnliBadLabelAndMisalignmentAreReported()
    {
        using var dir = new TempDir();
        dir.Write("s1.dev", "a\nb\n");
        dir.Write("s2.dev", "c\nd\n");
        dir.Write("labels.dev", "entailment\n-\n");
        var ex = Assert.Throws<DataException>(() => NliReader.ReadSnliSentEval(dir.Path, "dev"));
        Assert.Contains("labels.dev:2: field 'label': unknown label '-'", ex.Message);

        dir.Write("labels.dev", "entailment\n");
        ex = Assert.Throws<DataException>(() => NliReader.ReadSnliSentEval(dir.Path, "dev"));
        Assert.Contains("labels.dev", ex.Message);
        Assert.Contains("has 1 lines but s1.dev has 2", ex.Message);

        ex = Assert.Throws<DataException>(() => NliReader.ReadSnliSentEval(dir.Path, "test"));
        Assert.Contains("s1.test: file not found", ex.Message);
    }

    [Fact]
    public void ReadsNliCsv()
    {
        using var dir = new TempDir();
        var file = dir.Write("dev.csv", "premise,hypothesis,label\n\"He said, \"\"no\"\"\",He spoke ,Entailment\n");
        var pair = Assert.Single(NliReader.ReadCsv(file));
        Assert.Equal(new NliPair("He said, \"no\"", "He spoke", NliLabel.Entailment, new SourceRef(file, 2)), pair);
    }

    [Fact]
    public void NliCsvErrorsNameLineAndField()
    {
        using var dir = new TempDir();
        var noLabel = dir.Write("a.csv", "premise,hypothesis,gold\np,h,neutral\n");
        var ex = Assert.Throws<DataException>(() => NliReader.ReadCsv(noLabel));
        Assert.Contains("a.csv:1: field 'label': missing column 'label'; header has: 'premise', 'hypothesis', 'gold'", ex.Message);

        var badLabel = dir.Write("b.csv", "premise,hypothesis,label\np,h,neutral\np,h,maybe\n");
        ex = Assert.Throws<DataException>(() => NliReader.ReadCsv(badLabel));
        Assert.Contains("b.csv:3: field 'label': unknown label 'maybe'", ex.Message);

        var empty = dir.Write("c.csv", "premise,hypothesis,label\np,\"  \",neutral\n");
        ex = Assert.Throws<DataException>(() => NliReader.ReadCsv(empty));
        Assert.Contains("c.csv:2: field 'hypothesis': empty text", ex.Message);
    }

    [Fact]
    public void ReadsXnliTsvWithNumericLabels()
    {
        using var dir = new TempDir();
        var file = dir.Write("x.tsv", "id\tpremise\thypothesis\tlabel\n0\tP \"q\".\tH.\t2\n1\tP.\tH2.\t0\n");
        var pairs = NliReader.ReadXnliTsv(file);
        Assert.Equal([NliLabel.Contradiction, NliLabel.Entailment], pairs.Select(p => p.Label));
        Assert.Equal("P \"q\".", pairs[0].Premise);

        var bad = dir.Write("y.tsv", "id\tpremise\thypothesis\tlabel\n0\tP.\tH.\t3\n");
        var ex = Assert.Throws<DataException>(() => NliReader.ReadXnliTsv(bad));
        Assert.Contains("y.tsv:2: field 'label': unknown label '3'", ex.Message);
    }
}
