using FacetCL.Anchors;
using FacetCL.Data;
using Xunit.Abstractions;

namespace FacetCL.Tests.Anchors;

public class CounterfactualCheckTests(ITestOutputHelper output)
{
    private static readonly Lazy<string> Root = new(() => DataRoot.Resolve(null));
    private static WordNet Wn => WordNet.Default;

    [Theory]
    [InlineData("A little boy is playing soccer outside.", "A little boy is playing cricket.", "soccer,outside", "cricket")]
    [InlineData("The dog runs.", "The dogs run.", "", "")]
    [InlineData("The people are friends.", "The people aren't friends.", "", "")]
    [InlineData("A man sleeps.", "The man sleeps.", "", "")]
    [InlineData("A man sleeps.", "A woman sleeps.", "man", "woman")]
    [InlineData("A man is sleeping.", "A man is not sleeping happily.", "", "happily")]
    [InlineData("3 people are seated", "4 people are seated", "3", "4")]
    [InlineData("She has a phone.", "He has a phone.", "", "")]
    public void ContentChangeFollowsTheRule(string original, string edited, string removed, string added)
    {
        var (r, a) = CounterfactualCheck.ContentChange(original, edited, Wn);
        Assert.Equal(removed, string.Join(',', r));
        Assert.Equal(added, string.Join(',', a));
    }

    [Fact]
    public void TokensSplitContractions() =>
        Assert.Equal(["they", "can", "not", "go", "it", "s", "won", "will", "not"],
            CounterfactualCheck.Tokens("They can't go; it's won, won't"));

    [Fact]
    public void SelectsContentEditsFromTheRealData()
    {
        foreach (var split in CounterfactualCheck.Splits)
        {
            var all = CounterfactualCheck.AllEdits(Root.Value, split);
            var selected = CounterfactualCheck.Pairs(Root.Value, split);
            output.WriteLine($"{split}: {all.Count} aligned edits, {selected.Count} change a content word " +
                $"(premise {selected.Count(p => p.Side == EditedSide.Premise)}, hypothesis {selected.Count(p => p.Side == EditedSide.Hypothesis)})");
            foreach (var p in all.Where(p => p.RemovedContent.Count + p.AddedContent.Count == 0).Take(3))
                output.WriteLine($"  not selected: {p.Original} → {p.Edited}");
            // Nearly every CAD edit is aligned (one side unchanged) and most change a content word.
            int rows = new Dictionary<string, int> { ["train"] = 6664, ["dev"] = 800, ["test"] = 1600 }[split];
            Assert.InRange(all.Count, rows * 95 / 100, rows);
            Assert.InRange(selected.Count, all.Count * 80 / 100, all.Count);
            Assert.True(selected.Count < all.Count, "some edits change only function words");
        }

        var dev = CounterfactualCheck.Pairs(Root.Value, "dev");
        var first = Assert.Single(dev, p => p.Row == 0);
        Assert.Equal(EditedSide.Hypothesis, first.Side);
        Assert.Equal("A little boy is playing soccer outside.", first.Original);
        Assert.Equal("A little boy is playing cricket.", first.Edited);
        Assert.Equal("contradiction", first.EditedLabel);
        Assert.Contains("cricket", first.AddedContent);
        var garden = Assert.Single(dev, p => p.Row == 2);
        Assert.Equal(EditedSide.Premise, garden.Side);
        Assert.Equal(["garden"], garden.AddedContent);
        Assert.Equal(dev.Count, CounterfactualCheck.Pairs(Root.Value).Count(p => p.Split == "dev"));
    }
}
