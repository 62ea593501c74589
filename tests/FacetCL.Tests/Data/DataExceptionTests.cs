using FacetCL.Data;

namespace FacetCL.Tests.Data;

public class DataExceptionTests
{
    [Fact]
    public void MessageHasAllParts()
    {
        var ex = new DataException("empty text", "a.tsv", 3, "sentence1");
        Assert.Equal("a.tsv:3: field 'sentence1': empty text", ex.Message);
        Assert.Equal("a.tsv", ex.File);
        Assert.Equal(3, ex.Line);
        Assert.Equal("sentence1", ex.Field);
    }

    [Fact]
    public void MessageOmitsNullParts()
    {
        Assert.Equal("a.tsv: file not found", new DataException("file not found", "a.tsv").Message);
        Assert.Equal("a.tsv:2: bad bytes", new DataException("bad bytes", "a.tsv", 2).Message);
        Assert.Equal("nothing", new DataException("nothing").Message);
    }
}
