using FacetCL.Data;

namespace FacetCL.Tests.Data;

public class DataRootTests
{
    [Fact]
    public void ExplicitRootWins()
    {
        using var dir = new TempDir();
        Assert.Equal(System.IO.Path.GetFullPath(dir.Path), DataRoot.Resolve(dir.Path));
    }

    [Fact]
    public void MissingExplicitRootIsReported()
    {
        var ex = Assert.Throws<DataException>(() => DataRoot.Resolve("/no/such/facetcl/data"));
        Assert.Contains("/no/such/facetcl/data", ex.Message);
        Assert.Contains("does not exist", ex.Message);
    }
}
