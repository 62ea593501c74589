using FacetCL.Anchors;

namespace FacetCL.Tests.Anchors;

public class CanonicalizerTests
{
    private static readonly Canonicalizer C = new();

    private static SemanticFrame Frame(string? s, string? p, string? o, string[]? attrs = null, bool neg = false,
        Tense tense = Tense.Past, string aspect = "simple", bool passive = false) =>
        new(s, p, o, attrs ?? [], neg, tense, aspect, passive);

    [Fact]
    public void FoldsSynonymsWhoseFirstSensesCoincide()
    {
        Assert.Equal(C.Canonicalize(Frame("man", "buy", "car")), C.Canonicalize(Frame("man", "purchase", "automobile")));
        Assert.Equal(C.Canonicalize(Frame("kid", "eat", "apple", ["big"])), C.Canonicalize(Frame("child", "eat", "apple", ["large"])));
        var slots = C.Canonicalize(Frame("Men", "purchased", "cars"));
        Assert.Equal("man.n.10287213", slots.Subject);
        Assert.Equal("buy.v.02207224", slots.Predicate);
        Assert.Equal("car.n.02958343", slots.Object);
    }

    [Theory]
    [InlineData("dog", "cat", WordClass.Noun)]
    [InlineData("dog", "canine", WordClass.Noun)]
    [InlineData("chase", "bite", WordClass.Verb)]
    [InlineData("speak", "talk", WordClass.Verb)]
    [InlineData("big", "small", WordClass.Adjective)]
    [InlineData("quick", "fast", WordClass.Adjective)]
    public void KeepsWordsWithDifferentFirstSensesApart(string a, string b, WordClass wc) =>
        Assert.NotEqual(C.CanonicalWord(a, wc), C.CanonicalWord(b, wc));

    [Fact]
    public void VerbDogFoldsIntoChaseBecauseItsOnlySenseIsThatSynset() =>
        Assert.Equal(C.CanonicalWord("chase", WordClass.Verb), C.CanonicalWord("dogged", WordClass.Verb));

    [Fact]
    public void DropsNoiseAndNormalisesSurface()
    {
        var clean = C.Canonicalize(Frame("dog", "chase", "cat", ["black"]));
        Assert.Equal(clean, C.Canonicalize(Frame(" The DOG ", "chased", "cat.n", ["the", "Black", "is", "his", "black"])));
        Assert.Equal(clean, C.Canonicalize(Frame("dog[?]", "chase.v", "cat's", ["black.a"])));
        Assert.Null(C.Canonicalize(Frame("there", "be", "dog")).Subject);
        Assert.Null(C.Canonicalize(Frame("dog", "will", null)).Predicate);
        Assert.Null(C.Canonicalize(Frame("the", "chase", "a")).Subject);
    }

    [Fact]
    public void ADemonstrativeAloneInAnArgumentIsAPronoun()
    {
        Assert.Equal("this", C.Canonicalize(Frame("this", "be", "problem")).Subject);
        Assert.Equal("that", C.Canonicalize(Frame("dog", "chase", "that")).Object);
        Assert.Equal(C.Canonicalize(Frame("dog", "chase", "cat")), C.Canonicalize(Frame("this dog", "chase", "that cat")));
        Assert.DoesNotContain("this", C.Canonicalize(Frame("dog", "chase", "cat", ["this"])).Attributes);
    }

    [Fact]
    public void NegationWordInAttributesBecomesTheFlag()
    {
        var slots = C.Canonicalize(Frame("dog", "chase", "cat", ["not"]));
        Assert.True(slots.Negated);
        Assert.Empty(slots.Attributes);
        Assert.Equal(C.Canonicalize(Frame("dog", "chase", "cat", neg: true)), slots);
    }

    [Fact]
    public void PronounsFoldToNominativeAndSkipWordNet()
    {
        Assert.Equal("he", C.Canonicalize(Frame("him", "chase", "it")).Subject);
        Assert.Equal("it", C.Canonicalize(Frame("him", "chase", "it")).Object);
        Assert.Equal("she", C.Canonicalize(Frame("dog", "chase", "her")).Object);
    }

    [Fact]
    public void UnknownWordsStayLowerCasedLemmas()
    {
        var slots = C.Canonicalize(Frame("Zorblax", "chase", "42", ["Qwfp"]));
        Assert.Equal("zorblax", slots.Subject);
        Assert.Equal("42", slots.Object);
        Assert.Equal(["qwfp"], slots.Attributes);
    }

    [Fact]
    public void AttributesSortedDistinctAndLookedUpAsAdjectiveThenAdverbThenNoun()
    {
        var slots = C.Canonicalize(Frame("dog", "bark", null, ["loudly", "black", "big", "large", "hour"]));
        Assert.Equal(slots.Attributes.Order(StringComparer.Ordinal), slots.Attributes);
        Assert.Equal(4, slots.Attributes.Count);
        Assert.Contains(slots.Attributes, a => a.EndsWith(".r." + a[^8..], StringComparison.Ordinal) && a.StartsWith("loudly", StringComparison.Ordinal));
        Assert.Contains(slots.Attributes, a => a.StartsWith("hour.n.", StringComparison.Ordinal));
    }

    [Fact]
    public void TenseKeptAspectAndVoiceDropped()
    {
        var simple = C.Canonicalize(Frame("dog", "chase", "cat", tense: Tense.Present));
        Assert.Equal(simple, C.Canonicalize(Frame("dog", "chase", "cat", tense: Tense.Present, aspect: "progressive")));
        Assert.Equal(simple, C.Canonicalize(Frame("dog", "chase", "cat", tense: Tense.Present, passive: true)));
        Assert.NotEqual(simple, C.Canonicalize(Frame("dog", "chase", "cat", tense: Tense.Past)));
    }

    [Fact]
    public void IsIdempotent()
    {
        var once = C.Canonicalize(Frame("Men", "purchased", "cars", ["Bigger", "red"], neg: true));
        var twice = C.Canonicalize(new SemanticFrame(once.Subject, once.Predicate, once.Object, once.Attributes, once.Negated, once.Tense, "simple", false));
        Assert.Equal(once, twice);
    }
}
