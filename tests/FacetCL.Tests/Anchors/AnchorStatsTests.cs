using FacetCL.Anchors;
using FacetCL.Tests.Data;

namespace FacetCL.Tests.Anchors;

/// <summary>Stats on a small library whose figures can be counted by hand.</summary>
public sealed class AnchorStatsTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    /// <summary>
    /// Anchors a (3 texts), b (2), c (1, validated), d (1, rejected), e (12). In the second build
    /// c's one text comes with b's slots (as if the canonicaliser changed): it matches b (1.0) better
    /// than its own validated slots (attributes only, 0.15), so it is the one disagreement.
    /// </summary>
    public static AnchorLibrary Known(string db)
    {
        var slots = new Dictionary<string, CanonicalSlots>
        {
            ["a"] = A.Slots("ann", "read", "book"),
            ["b"] = A.Slots("bob", "eat", "apple"),
            ["c"] = A.Slots("cat", "chase", "mouse"),
            ["d"] = A.Slots("dog", "bark", null),
            ["e"] = A.Slots("eve", "sing", "song"),
        };
        var counts = new Dictionary<string, int> { ["a"] = 3, ["b"] = 2, ["c"] = 1, ["d"] = 1, ["e"] = 12 };
        var library = AnchorLibrary.Open(db);
        library.Build(counts.SelectMany(kv => A.Texts(kv.Key, slots[kv.Key], kv.Value)), "v1", new TableSimilarity());
        var csv = Path.Combine(Path.GetDirectoryName(db)!, "curated.csv");
        File.WriteAllText(csv, "id,status\nc,validated\nd,rejected\n");
        library.ImportCsv(csv);
        var second = counts.SelectMany(kv => A.Texts(kv.Key, kv.Key == "c" ? slots["b"] : slots[kv.Key], kv.Value));
        library.Build(second, "v2", new TableSimilarity());
        return library;
    }

    [Fact]
    public void Stats_of_a_known_library()
    {
        using var library = Known(Path.Combine(dir.Path, "anchors.db"));
        var stats = library.Stats();

        Assert.Equal(5, stats.Anchors);
        Assert.Equal(3, stats.ByStatus[AnchorStatus.Auto]);
        Assert.Equal(1, stats.ByStatus[AnchorStatus.Validated]);
        Assert.Equal(1, stats.ByStatus[AnchorStatus.Rejected]);
        Assert.Equal(0.25, stats.SingletonShare, 12);
        Assert.Equal(
            [KeyValuePair.Create("0", 0), KeyValuePair.Create("1", 1), KeyValuePair.Create("2", 1), KeyValuePair.Create("3-5", 1), KeyValuePair.Create("6-10", 0), KeyValuePair.Create("11+", 1)],
            stats.SupportHistogram);
        Assert.Equal(19, stats.Texts);
        Assert.Equal(17, stats.AlignedTexts);
        Assert.Equal(17.0 / 19, stats.Coverage, 12);
        Assert.Equal(1, stats.Disagreements);
        var d = Assert.Single(stats.DisagreementExamples);
        Assert.Equal(new Disagreement("c text 1", "c", 0.15, "b", 1), d with { OwnScore = Math.Round(d.OwnScore, 9) });
        Assert.Equal(["e", "a", "b", "c"], stats.TopAnchors.Select(t => t.Id));
        Assert.Equal(new TopAnchor("e", "eve sing song", 12, AnchorStatus.Auto), stats.TopAnchors[0]);

        var json = stats.ToJson();
        Assert.Equal(1, (int)json["by_status"]!["rejected"]!);
        Assert.Equal(1, (int)json["support_histogram"]!["11+"]!);
        Assert.Equal("b", (string)json["disagreement_examples"]![0]!["rival"]!);
    }

    [Fact]
    public void Stats_of_an_empty_library_are_zero()
    {
        using var library = AnchorLibrary.Open(Path.Combine(dir.Path, "empty.db"));
        var stats = library.Stats();
        Assert.Equal(0, stats.Anchors);
        Assert.Equal(0, stats.SingletonShare);
        Assert.Equal(0, stats.Coverage);
        Assert.Empty(stats.TopAnchors);
    }
}
