using FacetCL.Anchors;

namespace FacetCL.Tests.Anchors;

/// <summary>Lookups against facts of the installed WordNet 3.0 database (wordnet-base).</summary>
public class WordNetTests
{
    private static WordNet Wn => WordNet.Default;

    [Fact]
    public void IndexesLoadWhole()
    {
        // WordNet 3.0 counts (wnstats(7WN)): 117798 nouns, 11529 verbs, 21479 adjectives, 4481 adverbs.
        Assert.Equal(117798, Wn.LemmaCount(WordClass.Noun));
        Assert.Equal(11529, Wn.LemmaCount(WordClass.Verb));
        Assert.Equal(21479, Wn.LemmaCount(WordClass.Adjective));
        Assert.Equal(4481, Wn.LemmaCount(WordClass.Adverb));
    }

    [Fact]
    public void DogFirstSenseIsDomesticDog()
    {
        var senses = Wn.Synsets("dog", WordClass.Noun);
        Assert.Equal(7, senses.Count);
        Assert.Equal(2084071, senses[0].Offset);
        Assert.Equal(["dog", "domestic_dog", "Canis_familiaris"], Wn.Words(senses[0]));
        Assert.Equal("dog.n.02084071", Wn.Synset(senses[0]).Key);
    }

    [Fact]
    public void DogHypernymsReachCanineThenCarnivore()
    {
        var dog = Wn.Synsets("dog", WordClass.Noun)[0];
        var up = Wn.Hypernyms(dog, 2);
        var canine = Assert.Single(up, kv => Wn.Words(kv.Key).Contains("canine"));
        Assert.Equal(1, canine.Value);
        Assert.Contains(up, kv => Wn.Words(kv.Key).Contains("carnivore") && kv.Value == 2);
        Assert.DoesNotContain(up, kv => Wn.Words(kv.Key).Contains("mammal"));
        Assert.Contains(Wn.Hypernyms(dog, 20), kv => Wn.Words(kv.Key).Contains("entity"));
    }

    [Fact]
    public void AdjectiveMarkersAndSatellitesAreRead()
    {
        // "big" (first sense) sits in the head synset "large, big"; the word carries no "(a)" marker here.
        var big = Wn.Synsets("big", WordClass.Adjective)[0];
        Assert.Equal(["large", "big"], Wn.Words(big));
        Assert.Contains(Wn.Synsets("huge", WordClass.Adjective)
            .Select(Wn.Synset), s => s.Satellite && s.SimilarTo.Contains(big));
        Assert.DoesNotContain(Wn.Synsets("elect", WordClass.Adjective).SelectMany(Wn.Words), w => w.Contains('('));
    }

    [Theory]
    [InlineData("ran", WordClass.Verb, "run")]
    [InlineData("chased", WordClass.Verb, "chase")]
    [InlineData("geese", WordClass.Noun, "goose")]
    [InlineData("better", WordClass.Adjective, "good")]
    [InlineData("dogs", WordClass.Noun, "dog")]
    [InlineData("boxes", WordClass.Noun, "box")]
    [InlineData("glass", WordClass.Noun, "glass")]
    [InlineData("women", WordClass.Noun, "woman")]
    [InlineData("studies", WordClass.Verb, "study")]
    [InlineData("making", WordClass.Verb, "make")]
    [InlineData("walking", WordClass.Verb, "walk")]
    [InlineData("bigger", WordClass.Adjective, "big")]
    [InlineData("Purchased", WordClass.Verb, "purchase")]
    [InlineData("ice cream", WordClass.Noun, "ice cream")]
    [InlineData("Zorblax", WordClass.Noun, "zorblax")]
    [InlineData("42", WordClass.Noun, "42")]
    public void LemmatizerFollowsMorphy(string word, WordClass wc, string lemma) =>
        Assert.Equal(lemma, new WordNetLemmatizer().Lemma(word, wc));

    [Fact]
    public void MissingDatabaseNamesTheFile()
    {
        var wn = new WordNet("/nonexistent/wordnet");
        var e = Assert.Throws<FileNotFoundException>(() => wn.Synsets("dog", WordClass.Noun));
        Assert.Contains("/nonexistent/wordnet/index.noun", e.Message);
        Assert.Contains("wordnet-base", e.Message);
    }

    [Fact]
    public void LoadsOnceAcrossThreads()
    {
        var wn = new WordNet();
        var firsts = new SynsetId?[8];
        Parallel.For(0, firsts.Length, i => firsts[i] = wn.FirstSynset("buy", WordClass.Verb));
        Assert.All(firsts, f => Assert.Equal(new SynsetId(WordClass.Verb, 2207224), f));
    }
}
