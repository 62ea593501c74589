using FacetCL.Diagnostics;
using FacetCL.Tests.Data;

namespace FacetCL.Tests.Diagnostics;

public class QualityStoreTests
{
    [Fact]
    public void AppendsAndReadsBack()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "sub", "quality.db");
        using (var store = new QualityStore(path))
        {
            Assert.Equal(1, store.Append("base", "stsb:test", "abc", new DateTime(2026, 12, 4, 3, 0, 0, DateTimeKind.Utc), "{\"x\":1}"));
            store.Append("m2", "stsb:test", "abc", DateTime.UtcNow, "{\"x\":2}");
        }
        using var again = new QualityStore(path);
        var runs = again.Runs();
        Assert.Equal(2, runs.Count);
        Assert.Equal("2026-12-04T03:00:00.000Z", runs[0].TimeUtc);
        Assert.Equal("{\"x\":1}", runs[0].MetricsJson);
        Assert.Single(again.Runs("m2"));
    }

    [Fact]
    public async Task TwoConcurrentWritersLoseNothing()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "quality.db");
        const int perWriter = 150;
        using var start = new Barrier(2);
        // Two connections of their own, as two processes would have, opening a fresh file at once.
        var writers = Enumerable.Range(0, 2).Select(w => Task.Run(() =>
        {
            start.SignalAndWait();
            using var store = new QualityStore(path);
            for (var i = 0; i < perWriter; i++) store.Append($"writer{w}", "d", "h", DateTime.UtcNow, $"{{\"i\":{i}}}");
        })).ToArray();
        await Task.WhenAll(writers);
        using var check = new QualityStore(path);
        var runs = check.Runs();
        Assert.Equal(2 * perWriter, runs.Count);
        Assert.Equal(perWriter, runs.Count(r => r.Model == "writer0"));
        Assert.Equal(runs.Count, runs.Select(r => r.Id).Distinct().Count());
    }
}
