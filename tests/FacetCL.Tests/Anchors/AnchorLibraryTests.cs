using FacetCL.Anchors;
using FacetCL.Tests.Data;

namespace FacetCL.Tests.Anchors;

public sealed class AnchorLibraryTests : IDisposable
{
    private static readonly CanonicalSlots FeverSlots = A.Slots("patient", "have", "fever", "high");
    private static readonly CanonicalSlots CoughSlots = A.Slots("child", "cough", null);
    private static readonly CanonicalSlots RainSlots = A.Slots("rain", "fall", null, "heavy");

    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private string Db => Path.Combine(dir.Path, "runs", "anchors.db");

    [Fact]
    public void Build_counts_distinct_texts_and_records_memberships()
    {
        using var library = AnchorLibrary.Open(Db);
        var inputs = A.Texts("fever", FeverSlots, 3).Append(A.Input("fever text 1", "fever", FeverSlots)).Concat(A.Texts("cough", CoughSlots, 1));
        var report = library.Build(inputs, "unit:v1", new TableSimilarity());

        Assert.Equal(new BuildReport(4, 2, 0, 0, 4, 0), report);
        Assert.Equal(3, library.Get("fever")!.Support);
        Assert.Equal(1, library.Get("cough")!.Support);
        Assert.Equal(AnchorStatus.Auto, library.Get("fever")!.Status);
        Assert.Equal("unit:v1", library.Get("fever")!.Provenance);
        Assert.Equal(FeverSlots, library.Get("fever")!.Slots);
        Assert.Equal(["fever text 1", "fever text 2", "fever text 3"], library.Members("fever").Select(m => m.Text));
        Assert.Equal(new AnchorMatch("fever", 1, true), library.AnchorOf("fever text 2"));
        Assert.Null(library.AnchorOf("never seen"));
        Assert.Empty(library.Members("nope"));
        Assert.Null(library.Get("nope"));
        Assert.Equal(4, library.TextCount());
        Assert.Equal(2, library.AnchorCount(AnchorStatus.Auto));
        Assert.Equal("unit:v1", library.Meta("last_build_provenance"));
        Assert.Equal("wal", JournalMode(library.Path));
    }

    [Fact]
    public void Rebuild_makes_auto_anchors_follow_the_inputs()
    {
        using var library = AnchorLibrary.Open(Db);
        library.Build(A.Texts("fever", FeverSlots, 2).Concat(A.Texts("cough", CoughSlots, 1)), "v1", new TableSimilarity());
        var report = library.Build(A.Texts("fever", FeverSlots, 5).Concat(A.Texts("rain", RainSlots, 1)), "v2", new TableSimilarity());

        Assert.Equal(1, report.AnchorsAdded);
        Assert.Equal(1, report.AnchorsRemoved);
        Assert.Null(library.Get("cough"));
        Assert.Null(library.AnchorOf("cough text 1"));
        Assert.Equal(5, library.Get("fever")!.Support);
        Assert.Equal("v2", library.Get("fever")!.Provenance);
        Assert.Equal(1, library.Get("rain")!.Support);
    }

    [Fact]
    public void Inconsistent_slots_for_one_fingerprint_are_refused()
    {
        using var library = AnchorLibrary.Open(Db);
        var e = Assert.Throws<ArgumentException>(() => library.Build([A.Input("x", "id", FeverSlots), A.Input("y", "id", CoughSlots)], "v", new TableSimilarity()));
        Assert.Contains("'x'", e.Message);
        Assert.Contains("'y'", e.Message);
    }

    [Fact]
    public void An_interrupted_build_leaves_the_previous_library()
    {
        string killedCopy = Path.Combine(dir.Path, "killed", "anchors.db");
        using (var library = AnchorLibrary.Open(Db))
        {
            library.Build(A.Texts("fever", FeverSlots, 2).Concat(A.Texts("cough", CoughSlots, 2)), "v1", new TableSimilarity());
            var before = Snapshot(library);

            var changed = A.Texts("rain", RainSlots, 50).Concat(A.Texts("fever", FeverSlots, 1));
            Assert.Throws<InvalidOperationException>(() => library.Build(changed, "v2", new TableSimilarity(), onTextStored: n =>
            {
                if (n < 40) return;
                // What a kill at this point would leave on disk: the files as they are, mid-transaction.
                Directory.CreateDirectory(Path.GetDirectoryName(killedCopy)!);
                foreach (var suffix in new[] { "", "-wal" })
                {
                    if (File.Exists(Db + suffix)) File.Copy(Db + suffix, killedCopy + suffix);
                }
                throw new InvalidOperationException("interrupted");
            }));

            Assert.Equal(before, Snapshot(library));
            using var killed = AnchorLibrary.Open(killedCopy);
            Assert.Equal(before, Snapshot(killed));
        }

        using var reopened = AnchorLibrary.Open(Db);
        Assert.Equal(2, reopened.Get("fever")!.Support);
        Assert.Null(reopened.Get("rain"));
    }

    [Fact]
    public void A_file_of_another_schema_version_is_refused()
    {
        using (var library = AnchorLibrary.Open(Db))
        {
            library.Build(A.Texts("fever", FeverSlots, 1), "v1", new TableSimilarity());
        }
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Db};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE meta SET value = '99' WHERE key = 'schema_version'";
            command.ExecuteNonQuery();
        }
        var e = Assert.Throws<InvalidDataException>(() => AnchorLibrary.Open(Db));
        Assert.Contains("99", e.Message);
        Assert.Throws<FileNotFoundException>(() => AnchorLibrary.OpenExisting(Path.Combine(dir.Path, "missing.db")));
    }

    /// <summary>Everything a reader can see, as one comparable string.</summary>
    internal static string Snapshot(AnchorLibrary library)
    {
        var lines = library.Anchors().Select(a => $"{a.Id}|{a.Status}|{a.Support}|{a.CanonicalText}|{SlotsJson.Write(a.Slots)}|{a.Provenance}|{a.CreatedUtc:O}|{a.UpdatedUtc:O}")
            .Concat(library.Anchors().SelectMany(a => library.Members(a.Id).Select(m => $"{a.Id}<-{m.Text}|{m.Score}|{m.Aligned}")))
            .Append(library.Stats().ToJson().ToJsonString())
            .Append($"texts={library.TextCount()}");
        return string.Join('\n', lines);
    }

    private static string JournalMode(string path)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        return (string)command.ExecuteScalar()!;
    }
}
