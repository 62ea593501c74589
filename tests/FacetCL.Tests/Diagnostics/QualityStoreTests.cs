using FacetCL.Diagnostics;
using FacetCL.Tests.Dashboard;
using FacetCL.Tests.Data;
using Microsoft.Data.Sqlite;

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

    [Fact]
    public void SnapshotsRoundTripWithTheirRun()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "quality.db");
        var snapshot = DashboardFixtures.Snapshot(n: 30) with { Compactness = [new AnchorCompactness(0, 12, double.NaN, 0.02), new AnchorCompactness(1, 6, 0.25, 0.04)] };
        long withDetails;
        using (var store = new QualityStore(path))
        {
            store.Append("m", "d", "h", DateTime.UtcNow, "{}");
            withDetails = store.Append("m", "d", "h", DateTime.UtcNow, "{}", snapshot);
        }
        using var again = new QualityStore(path);
        Assert.Null(again.Snapshot(1));
        var back = again.Snapshot(withDetails)!;
        Assert.Equal(snapshot.Points, back.Points, (a, b) => a.Row == b.Row && a.X == b.X && a.Y == b.Y && a.AnchorId == b.AnchorId
            && a.AnchorSize == b.AnchorSize && a.Text == b.Text && a.Factors!.SequenceEqual(b.Factors!));
        Assert.Equal(snapshot.TotalTexts, back.TotalTexts);
        Assert.Equal(snapshot.Seed, back.Seed);
        Assert.Equal(snapshot.ExplainedVariance, back.ExplainedVariance);
        Assert.Equal(snapshot.FactorNames, back.FactorNames);
        Assert.Equal(snapshot.Orthogonality, back.Orthogonality);
        Assert.True(double.IsNaN(back.Compactness[0].CosineDistance));
        Assert.Equal(snapshot.Compactness[1], back.Compactness[1]);

        var plain = DashboardFixtures.Snapshot(n: 3, factors: false);
        var id = again.Append("m", "d", "h", DateTime.UtcNow, "{}", plain);
        Assert.All(again.Snapshot(id)!.Points, p => Assert.Null(p.Factors));
        Assert.Null(again.Snapshot(id)!.Orthogonality);
    }

    [Fact]
    public void AStoreOfVersionOneIsUpgradedAndANewerOneRefused()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "old.db");
        // The layout of the first trend store: the runs table only, user_version 0.
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                CREATE TABLE runs (id INTEGER PRIMARY KEY, model TEXT NOT NULL, data TEXT NOT NULL, config_hash TEXT NOT NULL, time_utc TEXT NOT NULL, metrics_json TEXT NOT NULL);
                INSERT INTO runs (model, data, config_hash, time_utc, metrics_json) VALUES ('base', 'd', 'h', '2026-12-01T00:00:00.000Z', '{"metrics":{}}');
                """;
            cmd.ExecuteNonQuery();
        }
        using (var store = new QualityStore(path))
        {
            Assert.Single(store.Runs());
            Assert.Null(store.Snapshot(1));
            var id = store.Append("base", "d", "h", DateTime.UtcNow, "{}", DashboardFixtures.Snapshot(n: 5));
            Assert.Equal(5, store.Snapshot(id)!.Points.Count);
        }
        Assert.Equal(QualityStore.SchemaVersion, UserVersion(path));

        var newer = Path.Combine(dir.Path, "newer.db");
        using (var store = new QualityStore(newer)) { }
        SetUserVersion(newer, QualityStore.SchemaVersion + 1);
        var e = Assert.Throws<InvalidDataException>(() => new QualityStore(newer));
        Assert.Contains($"schema version {QualityStore.SchemaVersion + 1} is newer", e.Message);
        Assert.Contains("newer.db", e.Message);
    }

    static long UserVersion(string path)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA user_version;";
        return (long)cmd.ExecuteScalar()!;
    }

    static void SetUserVersion(string path, int version)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"PRAGMA user_version = {version};";
        cmd.ExecuteNonQuery();
    }
}
