using FacetCL.Anchors;
using Xunit.Abstractions;

namespace FacetCL.Tests.Anchors;

public sealed class FrameExtractorTests(ITestOutputHelper output) : IDisposable
{
    readonly LinkGrammarParser parser = new();
    readonly FrameExtractor extractor = new();
    readonly TestLemmatizer lemmatizer = new();

    Annotation Annotate(string text, TimeSpan? limit = null)
    {
        var a = extractor.Extract(text, parser.Parse(text, limit ?? TimeSpan.FromSeconds(5)), lemmatizer);
        output.WriteLine($"{text} → {a.Status} {a.Frame} [{string.Join(", ", a.Frame.Attributes)}]");
        return a;
    }

    [Fact]
    public void PerfectWithAttributesAndDuration()
    {
        var a = Annotate("The patient has had a persistent low fever for three days.");
        Assert.Equal(AnnotationStatus.Parsed, a.Status);
        Assert.Equal(("patient", "have", "fever"), (a.Frame.Subject, a.Frame.Predicate, a.Frame.Object));
        Assert.Contains("low", a.Frame.Attributes);
        Assert.Contains("persistent", a.Frame.Attributes);
        Assert.Contains("day", a.Frame.Attributes);
        Assert.Contains("three", a.Frame.Attributes);
        Assert.DoesNotContain("a", a.Frame.Attributes);
        Assert.Equal(Tense.Present, a.Frame.Tense);
        Assert.Equal("perfect", a.Frame.Aspect);
        Assert.False(a.Frame.Negated);
        Assert.False(a.Frame.Passive);
    }

    [Fact]
    public void PassiveIsTurnedToActiveOrder()
    {
        var active = Annotate("The dog chased the cat.").Frame;
        var passive = Annotate("The cat was chased by the dog.").Frame;
        Assert.Equal(("dog", "chase", "cat"), (active.Subject, active.Predicate, active.Object));
        Assert.Equal(("dog", "chase", "cat"), (passive.Subject, passive.Predicate, passive.Object));
        Assert.False(active.Passive);
        Assert.True(passive.Passive);
        Assert.Equal(Tense.Past, active.Tense);
        Assert.Equal(Tense.Past, passive.Tense);
        Assert.DoesNotContain("dog", passive.Attributes);
    }

    [Fact]
    public void PassiveWithoutAgentHasNoSubject()
    {
        var f = Annotate("The cake was eaten.").Frame;
        Assert.Equal((null, "eat", "cake"), (f.Subject, f.Predicate, f.Object));
        Assert.True(f.Passive);
    }

    [Theory]
    [InlineData("The dog did not chase the cat.")]
    [InlineData("The dog didn't chase the cat.")]
    [InlineData("The dog never chased the cat.")]
    [InlineData("No dog chased the cat.")]
    public void NegationIsDetected(string text)
    {
        var f = Annotate(text).Frame;
        Assert.True(f.Negated);
        Assert.Equal(("dog", "chase", "cat"), (f.Subject, f.Predicate, f.Object));
        Assert.DoesNotContain("not", f.Attributes);
        Assert.DoesNotContain("never", f.Attributes);
    }

    [Fact]
    public void SwappedRolesGiveSwappedSlots()
    {
        var a = Annotate("The cat chased the dog.").Frame;
        Assert.Equal(("cat", "dog"), (a.Subject, a.Object));
        Assert.False(a.Negated);
    }

    [Theory]
    [InlineData("The boy played football.", Tense.Past, "simple")]
    [InlineData("The boy plays football.", Tense.Present, "simple")]
    [InlineData("The boy will play football.", Tense.Future, "simple")]
    [InlineData("The boy is playing football.", Tense.Present, "progressive")]
    [InlineData("The boy was playing football.", Tense.Past, "progressive")]
    [InlineData("The boy had played football.", Tense.Past, "perfect")]
    [InlineData("The boy has been playing football.", Tense.Present, "perfect-progressive")]
    public void TenseAndAspect(string text, Tense tense, string aspect)
    {
        var f = Annotate(text).Frame;
        Assert.Equal(("boy", "play", "football"), (f.Subject, f.Predicate, f.Object));
        Assert.Equal(tense, f.Tense);
        Assert.Equal(aspect, f.Aspect);
    }

    [Fact]
    public void CopulaTakesThePredicativeAdjectiveAsObject()
    {
        var f = Annotate("The sky is very blue.").Frame;
        Assert.Equal(("sky", "be", "blue"), (f.Subject, f.Predicate, f.Object));
        Assert.Contains("very", f.Attributes);
        Assert.Equal(Tense.Present, f.Tense);
    }

    [Fact]
    public void WordRolesMarkTheSlotHeads()
    {
        const string text = "The cat was chased by the dog.";
        var a = Annotate(text);
        Assert.Equal(TokenRole.Subject, a.Words.Single(w => w.Word == "dog").Role);
        Assert.Equal(TokenRole.Object, a.Words.Single(w => w.Word == "cat").Role);
        Assert.Equal(TokenRole.Predicate, a.Words.Single(w => w.Word == "chased").Role);
        Assert.All(a.Words.Where(w => w.Word is "The" or "the" or "was" or "by"), w => Assert.Equal(TokenRole.Other, w.Role));
        Assert.All(a.Words, w => Assert.Equal(w.Word, text.Substring(w.Start, w.Length)));
    }

    [Fact]
    public void ClausalComplementIsTheObject()
    {
        var plain = Annotate("I think he left.").Frame;
        Assert.Equal(("i", "think", "he leave"), (plain.Subject, plain.Predicate, plain.Object));
        Assert.Equal("he leave", Annotate("I think that he left.").Frame.Object);
        Assert.Equal("he not leave", Annotate("I think he didn't leave.").Frame.Object);
        var mainNegated = Annotate("I don't think he left.").Frame;
        Assert.Equal("he leave", mainNegated.Object);
        Assert.True(mainNegated.Negated);
        var said = Annotate("She said her name was Jane.").Frame;
        Assert.Equal(("she", "say", "name be jane"), (said.Subject, said.Predicate, said.Object));
        var modal = Annotate("I think that capital punishment should remain illegal.").Frame;
        Assert.Equal("punishment remain illegal", modal.Object);
        Assert.Contains("capital", modal.Attributes);
    }

    [Fact]
    public void VerbCoordinationStandsForItsFirstConjunct()
    {
        var a = Annotate("I sat down on the table and started laughing.");
        Assert.Equal(("i", "sit"), (a.Frame.Subject, a.Frame.Predicate));
        Assert.Contains("start", a.Frame.Attributes);
        Assert.Contains("table", a.Frame.Attributes);
        Assert.Equal(TokenRole.Predicate, a.Words.Single(w => w.Word == "sat").Role);
    }

    [Fact]
    public void AdjectiveCoordinationAndQuestionsAreRead()
    {
        var coordinated = Annotate("A man and a woman are walking and talking.").Frame;
        Assert.Equal(("man", "be", "walking"), (coordinated.Subject, coordinated.Predicate, coordinated.Object));
        Assert.Contains("talk", coordinated.Attributes);
        var question = Annotate("Are you from the U.S.?");
        Assert.Equal(AnnotationStatus.Parsed, question.Status);
        Assert.Equal(("you", "be"), (question.Frame.Subject, question.Frame.Predicate));
    }

    [Fact]
    public void TimeoutGivesAFallbackFrameNotAnException()
    {
        var a = Annotate(LinkGrammarParserTests.LongSentence, TimeSpan.FromMilliseconds(1));
        Assert.Equal(AnnotationStatus.TimedOut, a.Status);
        Assert.NotNull(a.Frame.Predicate); // the heuristic frame still names a verb
    }

    [Theory]
    [InlineData("")]
    [InlineData("\0")]
    [InlineData("asdf qwer zxcv!!")]
    [InlineData("!!!")]
    [InlineData("A man in a hat.")]
    public void OddInputGivesSomeAnnotation(string text)
    {
        var a = Annotate(text);
        Assert.Equal(text, a.Text);
        Assert.All(a.Words, w => Assert.InRange(w.Start + w.Length, 0, text.Length));
    }

    [Fact]
    public void EmptyTextFallsBackToAnEmptyFrame()
    {
        var a = Annotate("");
        Assert.Equal(AnnotationStatus.Fallback, a.Status);
        Assert.Equal(SemanticFrame.Empty, a.Frame);
    }

    public void Dispose() => parser.Dispose();
}
