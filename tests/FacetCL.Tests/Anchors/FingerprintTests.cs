using FacetCL.Anchors;

namespace FacetCL.Tests.Anchors;

public class FingerprintTests
{
    private static readonly CanonicalSlots DogChasesCat =
        new("dog.n.02084071", "chase.v.02001876", "cat.n.02121620", ["black.a.00392812"], false, Tense.Past);

    [Fact]
    public void SerialisationIsVersionedAndReadable() =>
        Assert.Equal("v1|s=dog.n.02084071|p=chase.v.02001876|o=cat.n.02121620|a=black.a.00392812|neg=0|t=past",
            Fingerprint.Serialize(DogChasesCat));

    /// <summary>
    /// Regression only: fails when the serialisation or hashing changes (then bump <see cref="Fingerprint.Version"/>).
    /// The value was computed outside .NET, with Python's hashlib over the string above, so it also pins
    /// process- and runtime-independence.
    /// </summary>
    [Fact]
    public void KnownIdUnchanged() => Assert.Equal("f4bc43d9dc2c6304", Fingerprint.Of(DogChasesCat));

    [Fact]
    public void IdIsSixteenLowerHexDigits() =>
        Assert.Matches("^[0-9a-f]{16}$", Fingerprint.Of(new CanonicalSlots(null, null, null, [], false, Tense.None)));

    [Fact]
    public void AttributeOrderAndDuplicatesDoNotMatter() =>
        Assert.Equal(Fingerprint.Of(DogChasesCat with { Attributes = ["a", "b"] }),
            Fingerprint.Of(DogChasesCat with { Attributes = ["b", "a", "b"] }));

    [Fact]
    public void EverySlotChangesTheId()
    {
        var variants = new[]
        {
            DogChasesCat,
            DogChasesCat with { Negated = true },
            DogChasesCat with { Subject = "cat.n.02121620", Object = "dog.n.02084071" },
            DogChasesCat with { Attributes = ["white"] },
            DogChasesCat with { Attributes = [] },
            DogChasesCat with { Predicate = "bite" },
            DogChasesCat with { Subject = "fox" },
            DogChasesCat with { Object = "ball" },
            DogChasesCat with { Object = null },
            DogChasesCat with { Object = "" },
            DogChasesCat with { Tense = Tense.Present },
            // Separators inside values are escaped, so they cannot forge another slot layout.
            DogChasesCat with { Attributes = ["black.a.00392812,white"] },
            DogChasesCat with { Attributes = ["black.a.00392812", "white"] },
        };
        Assert.Equal(variants.Length, variants.Select(Fingerprint.Of).Distinct().Count());
    }

    [Fact]
    public void CanonicalizedParaphrasesShareIdAndMinimalPairsDoNot()
    {
        var c = new Canonicalizer();
        string Id(string s, string p, string o, bool neg = false) =>
            Fingerprint.Of(c.Canonicalize(new SemanticFrame(s, p, o, [], neg, Tense.Past, "simple", false)));
        Assert.Equal(Id("man", "buy", "car"), Id("men", "purchased", "automobile"));
        Assert.NotEqual(Id("man", "buy", "car"), Id("man", "buy", "car", neg: true));
        Assert.NotEqual(Id("man", "buy", "car"), Id("car", "buy", "man"));
        Assert.NotEqual(Id("man", "buy", "car"), Id("man", "sell", "car"));
    }

    [Fact]
    public void CanonicalTextShowsWords()
    {
        Assert.Equal("dog chase cat (black) [past]", Fingerprint.CanonicalText(DogChasesCat));
        Assert.Equal("NOT dog bark [present]",
            Fingerprint.CanonicalText(new CanonicalSlots("dog.n.02084071", "bark", null, [], true, Tense.Present)));
        Assert.Equal("ice cream melt",
            Fingerprint.CanonicalText(new CanonicalSlots("ice_cream.n.07614500", "melt", null, [], false, Tense.None)));
    }
}
