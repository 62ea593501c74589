using FacetCL.Data;

namespace FacetCL.Tests.Data;

public class PairFileReaderTests
{
    [Fact]
    public void ReadsDefaultTsvAsScoredPairs()
    {
        using var dir = new TempDir();
        var file = dir.Write("pairs.tsv", "sentence1\tsentence2\tscore\nA cat.\tA \"cat\".\t4.5\n\nDogs run.\tA dog runs.\t3\n");

        var result = PairFileReader.Read(file, new PairFileOptions());

        Assert.Equal(PairFileFormat.Tsv, result.Format);
        Assert.Equal(PairFileKind.ScoredPairs, result.Kind);
        Assert.Equal(2, result.Count);
        Assert.Equal(new ScoredPair("A cat.", "A \"cat\".", 4.5, new SourceRef(file, 2)), result.ScoredPairs[0]);
        Assert.Equal(4, result.ScoredPairs[1].Source.Line);
        Assert.Empty(result.Triplets);
    }

    [Fact]
    public void ReadsPlainPairsWithoutScore()
    {
        using var dir = new TempDir();
        var file = dir.Write("pairs.tsv", "sentence1\tsentence2\nA cat.\tA kitten.\n");
        var result = PairFileReader.Read(file);
        Assert.Equal(PairFileKind.Pairs, result.Kind);
        Assert.Equal(new TextPair("A cat.", "A kitten.", new SourceRef(file, 2)), Assert.Single(result.Pairs));
    }

    [Fact]
    public void ReadsTripletsFromCsvWithQuotingAndMultiLineFields()
    {
        using var dir = new TempDir();
        var file = dir.Write("t.csv", "anchor,positive,negative\n\"A, b\",\"say \"\"hi\"\"\",c\n\"multi\nline\",p,n\nx,y,z\n");

        var result = PairFileReader.Read(file);

        Assert.Equal(PairFileKind.Triplets, result.Kind);
        Assert.Equal(3, result.Count);
        Assert.Equal(new Triplet("A, b", "say \"hi\"", "c", new SourceRef(file, 2)), result.Triplets[0]);
        Assert.Equal("multi\nline", result.Triplets[1].Anchor);
        Assert.Equal(3, result.Triplets[1].Source.Line);
        Assert.Equal(5, result.Triplets[2].Source.Line);
    }

    [Fact]
    public void ColumnMapRenamesColumns()
    {
        using var dir = new TempDir();
        var file = dir.Write("qa.csv", "id,question,answer,label\n1,What?,That.,0.5\n");
        var options = new PairFileOptions { Columns = ColumnMap.Parse("sentence1=question,sentence2=answer,score=label") };

        var pair = Assert.Single(PairFileReader.Read(file, options).ScoredPairs);

        Assert.Equal(("What?", "That.", 0.5), (pair.Sentence1, pair.Sentence2, pair.Score));
    }

    [Fact]
    public void MissingColumnNamesItAndListsHeader()
    {
        using var dir = new TempDir();
        var file = dir.Write("qa.tsv", "question\tanswer\nWhat?\tThat.\n");
        var ex = Assert.Throws<DataException>(() => PairFileReader.Read(file));
        Assert.Contains("qa.tsv:1: field 'sentence1'", ex.Message);
        Assert.Contains("'question', 'answer'", ex.Message);

        var mapped = new PairFileOptions { Columns = ColumnMap.Parse("sentence1=question,sentence2=reply") };
        ex = Assert.Throws<DataException>(() => PairFileReader.Read(file, mapped));
        Assert.Contains("field 'reply'", ex.Message);
        Assert.Contains("for sentence2", ex.Message);
    }

    [Fact]
    public void WrongNumberOfFieldsNamesLine()
    {
        using var dir = new TempDir();
        var file = dir.Write("p.tsv", "sentence1\tsentence2\tscore\na\tb\t1\na\tb\n");
        var ex = Assert.Throws<DataException>(() => PairFileReader.Read(file));
        Assert.Contains("p.tsv:3:", ex.Message);
        Assert.Contains("wrong number of fields", ex.Message);
    }

    [Fact]
    public void CsvFieldCountAndMalformedQuotingNameLine()
    {
        using var dir = new TempDir();
        var wide = dir.Write("w.csv", "sentence1,sentence2\na,b\n\"x\ny\",b,extra\n");
        var ex = Assert.Throws<DataException>(() => PairFileReader.Read(wide));
        Assert.Contains("w.csv:3: wrong number of fields: expected 2", ex.Message);

        var unterminated = dir.Write("u.csv", "sentence1,sentence2\na,b\n\"open,b\nc,d\n");
        ex = Assert.Throws<DataException>(() => PairFileReader.Read(unterminated));
        Assert.Contains("u.csv:3: malformed CSV", ex.Message);
    }

    [Fact]
    public void ScoreChecksNameLineAndField()
    {
        using var dir = new TempDir();
        var file = dir.Write("p.tsv", "sentence1\tsentence2\tscore\na\tb\t1\na\tb\tx1\n");
        var ex = Assert.Throws<DataException>(() => PairFileReader.Read(file));
        Assert.Contains("p.tsv:3: field 'score': score is not a number: 'x1'", ex.Message);

        var ranged = dir.Write("r.tsv", "sentence1\tsentence2\tscore\na\tb\t1\na\tb\t7\n");
        Assert.Equal(7, PairFileReader.Read(ranged, new PairFileOptions { ScoreMax = 7 }).ScoredPairs[1].Score);
        ex = Assert.Throws<DataException>(() => PairFileReader.Read(ranged, new PairFileOptions { ScoreMin = 0, ScoreMax = 5 }));
        Assert.Contains("r.tsv:3: field 'score': score 7 outside the allowed range [0, 5]", ex.Message);
    }

    [Fact]
    public void EmptyTextNamesField()
    {
        using var dir = new TempDir();
        var file = dir.Write("t.tsv", "anchor\tpositive\tnegative\na\tb\t \n");
        var ex = Assert.Throws<DataException>(() => PairFileReader.Read(file));
        Assert.Contains("t.tsv:2: field 'negative': empty text", ex.Message);
    }

    [Fact]
    public void ReadsJsonlWithNumericOrStringScores()
    {
        using var dir = new TempDir();
        var file = dir.Write("p.jsonl", "{\"sentence1\":\"a\",\"sentence2\":\"b\",\"score\":1.5,\"extra\":[1]}\n\n{\"sentence1\":\"c\",\"sentence2\":\"d\",\"score\":\"2\"}\n");
        var result = PairFileReader.Read(file);
        Assert.Equal(PairFileFormat.Jsonl, result.Format);
        Assert.Equal([1.5, 2.0], result.ScoredPairs.Select(p => p.Score));
        Assert.Equal(3, result.ScoredPairs[1].Source.Line);
    }

    [Theory]
    [InlineData("42", "a number")]
    [InlineData("null", "null")]
    [InlineData("{\"t\":\"x\"}", "an object")]
    public void JsonlNonStringTextNamesLineAndKey(string value, string found)
    {
        using var dir = new TempDir();
        var file = dir.Write("p.jsonl", "{\"anchor\":\"a\",\"positive\":\"b\",\"negative\":\"c\"}\n{\"anchor\":\"a\",\"positive\":" + value + ",\"negative\":\"c\"}\n");
        var ex = Assert.Throws<DataException>(() => PairFileReader.Read(file));
        Assert.Contains($"p.jsonl:2: field 'positive': text must be a JSON string, found {found}", ex.Message);
    }

    [Fact]
    public void JsonlMissingKeyAndInvalidJsonNameLine()
    {
        using var dir = new TempDir();
        var file = dir.Write("p.jsonl", "{\"sentence1\":\"a\",\"sentence2\":\"b\"}\n{\"sentence1\":\"a\"}\n");
        var ex = Assert.Throws<DataException>(() => PairFileReader.Read(file));
        Assert.Contains("p.jsonl:2: field 'sentence2': missing key 'sentence2'", ex.Message);

        var bad = dir.Write("b.jsonl", "{\"sentence1\":\"a\",\"sentence2\":\"b\"}\n{\"sentence1\":\n");
        ex = Assert.Throws<DataException>(() => PairFileReader.Read(bad));
        Assert.Contains("b.jsonl:2: invalid JSON", ex.Message);
    }

    [Fact]
    public void ReadsWindows1252WithEncodingOption()
    {
        using var dir = new TempDir();
        static byte[] Ascii(string s) => System.Text.Encoding.ASCII.GetBytes(s);
        byte[] bytes = [.. Ascii("sentence1\tsentence2\nCaf"), 0xE9, .. Ascii("\tA caf"), 0xE9, .. Ascii(" au lait "), 0x80, .. Ascii(" 5\n")];
        var file = dir.WriteBytes("cp.tsv", bytes);

        var pair = Assert.Single(PairFileReader.Read(file, new PairFileOptions { Encoding = "windows-1252" }).Pairs);

        Assert.Equal("Café", pair.Sentence1);
        Assert.Equal("A café au lait € 5", pair.Sentence2);

        // The same bytes are not UTF-8: the strict decoder says where.
        var ex = Assert.Throws<DataException>(() => PairFileReader.Read(file));
        Assert.Contains("cp.tsv:2:", ex.Message);
        Assert.Contains("not valid utf-8", ex.Message);
    }

    [Fact]
    public void UndecodableBytesInCsvNameLine()
    {
        using var dir = new TempDir();
        var head = System.Text.Encoding.UTF8.GetBytes("sentence1,sentence2\na,b\nc,");
        var file = dir.WriteBytes("bad.csv", [.. head, 0xFF, 0xFE, (byte)'d', (byte)'\n']);
        var ex = Assert.Throws<DataException>(() => PairFileReader.Read(file));
        Assert.Contains("bad.csv:3:", ex.Message);
        Assert.Equal(3, ex.Line);
    }

    [Fact]
    public void UnknownEncodingAndExtensionAreReported()
    {
        using var dir = new TempDir();
        var file = dir.Write("p.tsv", "sentence1\tsentence2\na\tb\n");
        var ex = Assert.Throws<DataException>(() => PairFileReader.Read(file, new PairFileOptions { Encoding = "no-such-encoding" }));
        Assert.Contains("p.tsv: field 'encoding': unknown encoding 'no-such-encoding'", ex.Message);

        var txt = dir.Write("p.txt", "sentence1\tsentence2\na\tb\n");
        ex = Assert.Throws<DataException>(() => PairFileReader.Read(txt));
        Assert.Contains("'.txt'", ex.Message);
        Assert.Single(PairFileReader.Read(txt, new PairFileOptions { Format = PairFileFormat.Tsv }).Pairs);
    }

    [Fact]
    public void DetectsRawStsbWhateverTheExtension()
    {
        using var dir = new TempDir();
        var text = "main-forums\tdeft-forum\t2014\t0001\t0.8\tYou \"can\" do it.\tCan't.\n";
        var auto = PairFileReader.Read(dir.Write("sts-dev.csv", text));
        Assert.Equal(PairFileFormat.Stsb, auto.Format);
        Assert.Equal("You \"can\" do it.", Assert.Single(auto.ScoredPairs).Sentence1);

        var explicitFormat = PairFileReader.Read(dir.Write("x.data", text), new PairFileOptions { Format = PairFileFormat.Stsb });
        Assert.Equal(0.8, Assert.Single(explicitFormat.ScoredPairs).Score);

        var outOfRange = dir.Write("o.tsv", text.Replace("\t0.8\t", "\t9\t"));
        var ex = Assert.Throws<DataException>(() => PairFileReader.Read(outOfRange));
        Assert.Contains("o.tsv:1: field 'score'", ex.Message);
    }

    [Fact]
    public void ColumnMapParseRejectsBadSpecs()
    {
        Assert.Equal("question", ColumnMap.Parse(" sentence1 = question , score=label").Resolve(ColumnMap.Sentence1));
        Assert.Equal("sentence2", ColumnMap.Parse("sentence1=q").Resolve(ColumnMap.Sentence2));
        Assert.Throws<ArgumentException>(() => ColumnMap.Parse("sentence1"));
        Assert.Throws<ArgumentException>(() => ColumnMap.Parse("premise=x"));
        Assert.Throws<ArgumentException>(() => ColumnMap.Parse("score=a,score=b"));
        Assert.Throws<ArgumentException>(() => ColumnMap.Parse("score="));
    }
}
