using System.Runtime.CompilerServices;
using FacetCL.Anchors;
using Xunit.Abstractions;

namespace FacetCL.Tests.Anchors;

/// <summary>
/// The harness with a fake frame function, and the hand-written test set's shape. The run with the
/// real parser's frames is wired in with the FrameExtractor.
/// </summary>
public class FingerprintGroupCheckTests(ITestOutputHelper output)
{
    private static readonly Canonicalizer C = new();

    public static string GroupsPath([CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "Data", "fingerprint_groups.tsv");

    private static SemanticFrame F(string s, string p, string? o, bool neg = false) => new(s, p, o, [], neg, Tense.Past, "simple", false);

    private static readonly Dictionary<string, SemanticFrame> Fake = new()
    {
        ["The man bought a car."] = F("man", "buy", "car"),
        ["A car was purchased by the man."] = F("man", "purchase", "car"),
        ["The man sold a car."] = F("man", "sell", "car"),
        ["The man did not buy a car."] = F("man", "buy", "car", neg: true),
        ["The car bought a man."] = F("car", "buy", "man"),
    };

    private static SemanticFrame FakeFrameOf(string s) =>
        Fake.TryGetValue(s, out var f) ? f : throw new KeyNotFoundException($"no frame for '{s}'");

    [Fact]
    public void ReportsPassesPerKindAndCategoryAndFailuresWithBothIds()
    {
        FingerprintGroup[] groups =
        [
            new("S1", GroupKind.Same, "synonym", ["The man bought a car.", "A car was purchased by the man."]),
            new("S2", GroupKind.Same, "wrong", ["The man bought a car.", "The man sold a car."]),
            new("D1", GroupKind.Different, "negation", ["The man bought a car.", "The man did not buy a car."]),
            new("D2", GroupKind.Different, "role-swap", ["The man bought a car.", "The car bought a man."]),
            new("D3", GroupKind.Different, "oops", ["The man bought a car.", "A car was purchased by the man."]),
            new("E1", GroupKind.Same, "error", ["The man bought a car.", "Unparsable."]),
        ];
        var report = FingerprintGroupCheck.Run(groups, FakeFrameOf, C);
        output.WriteLine(report.ToString());

        Assert.Equal(new PassRate("all", 3, 6), report.Overall);
        Assert.Equal([new PassRate("different", 2, 3), new PassRate("same", 1, 3)], report.ByKind);
        Assert.Contains(new PassRate("negation", 1, 1), report.ByCategory);
        Assert.Equal(["S2", "D3", "E1"], report.Failures.Select(f => f.Group.Id));

        var s2 = report.Failures[0].Sentences;
        Assert.NotEqual(s2[0].Id, s2[1].Id);
        Assert.All(s2, s => Assert.NotNull(s.Slots));
        Assert.Contains("KeyNotFoundException", report.Failures[2].Sentences[1].Error);
        var text = report.ToString();
        Assert.Contains(s2[0].Id!, text);
        Assert.Contains(s2[1].Id!, text);
        Assert.Contains("man sell car [past]", text);
    }

    [Fact]
    public void TestSetHasEnoughGroupsOfBothKinds()
    {
        var groups = FingerprintGroupFile.Load(GroupsPath());
        output.WriteLine($"{groups.Count} groups: " + string.Join(", ",
            groups.GroupBy(g => $"{g.Kind}/{g.Category}").Select(g => $"{g.Key} {g.Count()}")));
        Assert.True(groups.Count >= 60);
        Assert.True(groups.Count(g => g.Kind == GroupKind.Same) >= 30);
        Assert.True(groups.Count(g => g.Kind == GroupKind.Different) >= 30);
        foreach (var category in new[] { "negation", "role-swap", "attribute", "predicate", "subject", "object" })
            Assert.Contains(groups, g => g.Kind == GroupKind.Different && g.Category == category);
        foreach (var category in new[] { "determiner", "synonym-verb", "synonym-noun", "synonym-adj", "passive", "contraction" })
            Assert.Contains(groups, g => g.Kind == GroupKind.Same && g.Category == category);
        Assert.Equal(groups.Count, groups.Select(g => g.Id).Distinct().Count());
    }

    /// <summary>
    /// The synonym groups must hold only words whose first WordNet senses coincide: after dropping
    /// function words, the sentences' words must canonicalise to the same values in order.
    /// </summary>
    [Theory]
    [InlineData("synonym-verb", WordClass.Verb)]
    [InlineData("synonym-noun", WordClass.Noun)]
    [InlineData("synonym-adj", WordClass.Adjective)]
    public void SynonymGroupsAgreeWithWordNet(string category, WordClass wc)
    {
        var groups = FingerprintGroupFile.Load(GroupsPath()).Where(g => g.Category == category).ToList();
        Assert.NotEmpty(groups);
        foreach (var g in groups)
        {
            var canon = g.Sentences.Select(s => CounterfactualCheck.Tokens(s)
                .Where(t => !CounterfactualCheck.FunctionWords.Contains(t))
                .Select(t => C.CanonicalWord(t, wc)).ToList()).ToList();
            Assert.All(canon, c => Assert.Equal(canon[0], c));
        }
    }

    [Theory]
    [InlineData("G1\tsame\tx\tOnly one.", "needs at least 2")]
    [InlineData("G1\tdifferent\tx\tA.\nG1\tdifferent\tx\tB.\nG1\tdifferent\tx\tC.", "exactly 2")]
    [InlineData("G1\tmaybe\tx\tA.", ":1: kind 'maybe'")]
    [InlineData("# c\nG1\tsame\tx", ":2: expected 4")]
    [InlineData("G1\tsame\tx\tA.\nG1\tsame\ty\tB.", "changes its kind or category")]
    public void LoaderRejectsMalformedFiles(string content, string message)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, content + "\n");
            var e = Assert.Throws<InvalidDataException>(() => FingerprintGroupFile.Load(path));
            Assert.Contains(message, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
