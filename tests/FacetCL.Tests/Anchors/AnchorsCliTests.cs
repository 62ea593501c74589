using System.Text.Json.Nodes;
using FacetCL.Tests.Data;

namespace FacetCL.Tests.Anchors;

/// <summary><c>facetcl anchors</c> as a user runs it.</summary>
public sealed class AnchorsCliTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Stats_export_and_import_from_the_command_line()
    {
        var db = Path.Combine(dir.Path, "anchors.db");
        AnchorStatsTests.Known(db).Dispose();

        var stats = CliRunner.Run(dir.Path, "anchors", "stats", "--db", db, "--json");
        Assert.True(stats.ExitCode == 0, stats.Stderr);
        var json = JsonNode.Parse(stats.Stdout)!;
        Assert.Equal(5, (int)json["anchors"]!);
        Assert.Equal(19, (int)json["texts"]!);

        var table = CliRunner.Run(dir.Path, "anchors", "stats", "--db", db);
        Assert.True(table.ExitCode == 0, table.Stderr);
        Assert.Equal("", table.Stdout);
        Assert.Contains("singleton share", table.Stderr);
        Assert.Contains("eve sing song", table.Stderr);

        var csv = Path.Combine(dir.Path, "anchors.csv");
        var export = CliRunner.Run(dir.Path, "anchors", "export", "--db", db, "--out", csv);
        Assert.True(export.ExitCode == 0, export.Stderr);
        Assert.Equal(6, File.ReadAllLines(csv).Length);

        File.WriteAllText(csv, "id,status\ne,validated\nzzz,rejected\n");
        var bad = CliRunner.Run(dir.Path, "anchors", "import", "--db", db, "--csv", csv);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains($"{csv}:3: field 'id': unknown anchor id 'zzz'", bad.Stderr);

        var missing = CliRunner.Run(dir.Path, "anchors", "stats", "--db", Path.Combine(dir.Path, "none.db"));
        Assert.Equal(2, missing.ExitCode);
        Assert.False(File.Exists(Path.Combine(dir.Path, "none.db")));
    }
}
