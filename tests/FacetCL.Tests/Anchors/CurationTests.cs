using FacetCL.Anchors;
using FacetCL.Data;
using FacetCL.Tests.Data;

namespace FacetCL.Tests.Anchors;

/// <summary>The curator's round trip: export, edit statuses, import, rebuild.</summary>
public sealed class CurationTests : IDisposable
{
    private static readonly CanonicalSlots FeverSlots = A.Slots("patient", "have", "fever", "high");
    private static readonly CanonicalSlots CoughSlots = A.Slots("child", "cough", null);
    private static readonly CanonicalSlots RainSlots = A.Slots("rain", "fall", null, "heavy");
    private static readonly CanonicalSlots SnowSlots = A.Slots("snow", "fall", null);

    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private string Db => Path.Combine(dir.Path, "anchors.db");

    private static IEnumerable<AnchorInput> FirstInputs() =>
        A.Texts("fever", FeverSlots, 2).Concat(A.Texts("cough", CoughSlots, 2)).Concat(A.Texts("rain", RainSlots, 3));

    [Fact]
    public void Export_writes_every_anchor_with_its_columns()
    {
        using var library = AnchorLibrary.Open(Db);
        library.Build(FirstInputs(), "v1", new TableSimilarity());
        var csv = Path.Combine(dir.Path, "out", "anchors.csv");
        Assert.Equal(3, library.ExportCsv(csv));
        var lines = File.ReadAllLines(csv);
        Assert.Equal("id,status,canonical_text,support,slots_json,provenance", lines[0]);
        Assert.StartsWith("rain,auto,rain fall,3,\"{\"\"subject\"\":\"\"rain\"\"", lines[1]);
        Assert.Equal(4, lines.Length);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(csv)!, "*.tmp-*"));
    }

    [Fact]
    public void Validated_and_rejected_anchors_survive_a_rebuild_with_changed_inputs()
    {
        using var library = AnchorLibrary.Open(Db);
        library.Build(FirstInputs(), "v1", new TableSimilarity());
        var csv = Path.Combine(dir.Path, "anchors.csv");
        library.ExportCsv(csv);
        var edited = File.ReadAllText(csv)
            .Replace("fever,auto,patient have fever,", "fever,validated,The patient has a high fever.,", StringComparison.Ordinal)
            .Replace("cough,auto,", "cough,rejected,", StringComparison.Ordinal);
        File.WriteAllText(csv, edited);

        Assert.Equal(new ImportReport(3, 2, 1), library.ImportCsv(csv));
        var validated = library.Get("fever")!;
        Assert.Equal(AnchorStatus.Validated, validated.Status);
        Assert.Equal("The patient has a high fever.", validated.CanonicalText);
        Assert.Equal(AnchorStatus.Rejected, library.Get("cough")!.Status);
        Assert.Null(library.AnchorOf("cough text 1"));
        Assert.Empty(library.Members("cough"));

        // Same fever support: its row must come through byte for byte, even though the canonicaliser
        // now gives other slots and text for the same fingerprint.
        var changed = A.Texts("fever", FeverSlots with { Attributes = ["very"] }, 2)
            .Concat(A.Texts("cough", CoughSlots, 4))
            .Concat(A.Texts("snow", SnowSlots, 1));
        library.Build(changed, "v2", new TableSimilarity());

        Assert.Equal(validated, library.Get("fever"));
        Assert.Equal(AnchorStatus.Rejected, library.Get("cough")!.Status);
        Assert.Equal(4, library.Get("cough")!.Support);
        Assert.Equal("v1", library.Get("cough")!.Provenance);
        Assert.All(Enumerable.Range(1, 4), i => Assert.Null(library.AnchorOf($"cough text {i}")));
        Assert.Empty(library.Members("cough"));
        Assert.Null(library.Get("rain"));
        Assert.Equal(1, library.Get("snow")!.Support);
        Assert.Equal(AnchorStatus.Auto, library.Get("snow")!.Status);
        Assert.Equal("fever", library.AnchorOf("fever text 1")!.AnchorId);

        // A validated anchor that loses all its texts stays, with support 0.
        library.Build(A.Texts("snow", SnowSlots, 1), "v3", new TableSimilarity());
        Assert.Equal(0, library.Get("fever")!.Support);
        Assert.Equal("The patient has a high fever.", library.Get("fever")!.CanonicalText);
        Assert.Empty(library.Members("fever"));
    }

    [Fact]
    public void A_rejected_anchor_is_never_a_rival()
    {
        using var library = AnchorLibrary.Open(Db);
        var sim = new TableSimilarity().With("snow", "rain", 1).With("heavy", "light", 1);
        var inputs = A.Texts("rain", RainSlots, 1).Concat(A.Texts("snowfall", A.Slots("snow", "fall", null, "light"), 1)).ToList();
        library.Build(inputs, "v1", sim);
        Assert.False(library.AnchorOf("rain text 1")!.Aligned);

        File.WriteAllText(Path.Combine(dir.Path, "c.csv"), "id,status\nsnowfall,rejected\n");
        library.ImportCsv(Path.Combine(dir.Path, "c.csv"));
        library.Build(inputs, "v2", sim);
        Assert.True(library.AnchorOf("rain text 1")!.Aligned);
        Assert.Null(library.AnchorOf("snowfall text 1"));
    }

    [Theory]
    [InlineData("id,status\nfever,validated\nghost,rejected\n", 3, "id", "unknown anchor id 'ghost'")]
    [InlineData("id,status\nfever,validated\ncough,maybe\n", 3, "status", "unknown status 'maybe'")]
    [InlineData("id,status\nfever,validated\nfever,rejected\n", 3, "id", "appears again (first on line 2)")]
    [InlineData("id,status,canonical_text\nfever,validated,ok\ncough,auto,edited\n", 3, "canonical_text", "only be edited when its status is validated")]
    [InlineData("id,state\nfever,validated\n", 1, "status", "missing column 'status'")]
    public void A_bad_import_names_file_line_and_field_and_changes_nothing(string csv, int line, string field, string problem)
    {
        using var library = AnchorLibrary.Open(Db);
        library.Build(FirstInputs(), "v1", new TableSimilarity());
        var before = AnchorLibraryTests.Snapshot(library);
        var path = Path.Combine(dir.Path, "curated.csv");
        File.WriteAllText(path, csv);

        var e = Assert.Throws<DataException>(() => library.ImportCsv(path));
        Assert.Equal(path, e.File);
        Assert.Equal(line, e.Line);
        Assert.Equal(field, e.Field);
        Assert.Contains(problem, e.Message);
        Assert.StartsWith($"{path}:{line}: field '{field}'", e.Message);
        Assert.Equal(before, AnchorLibraryTests.Snapshot(library));
    }
}
