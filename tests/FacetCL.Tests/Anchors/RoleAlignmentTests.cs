using FacetCL.Anchors;
using FacetCL.Model;

namespace FacetCL.Tests.Anchors;

public class RoleAlignmentTests
{
    static readonly WordPieceTokenizer Tokenizer = new(PretrainedMiniLm.VocabPath);

    static Annotation Annotate(string text)
    {
        using var parser = new LinkGrammarParser();
        return new FrameExtractor().Extract(text, parser.Parse(text, TimeSpan.FromSeconds(5)), new TestLemmatizer());
    }

    [Fact]
    public void SubjectPiecesGetTheSubjectRole()
    {
        // "hippopotamus" is several word pieces; each must carry the subject role.
        var a = Annotate("The hippopotamus chased the zebra.");
        var ids = Tokenizer.Encode(a.Text, 256);
        var roles = RoleAlignment.TokenRoles(a, Tokenizer, 256);
        Assert.Equal(ids.Length, roles.Length);
        Assert.Equal((int)TokenRole.Other, roles[0]);
        Assert.Equal((int)TokenRole.Other, roles[^1]);
        var (_, spans) = Tokenizer.EncodeWithSpans(a.Text, 256);
        var subjectTokens = Enumerable.Range(0, ids.Length).Where(i => spans[i].Length > 0 && a.Text.Substring(spans[i].Start, spans[i].Length) == "hippopotamus").ToList();
        Assert.True(subjectTokens.Count > 1);
        Assert.All(subjectTokens, i => Assert.Equal((int)TokenRole.Subject, roles[i]));
        Assert.Contains((int)TokenRole.Predicate, roles);
        Assert.Contains((int)TokenRole.Object, roles);
    }

    [Theory]
    [InlineData("Héllo wörld, the café is open.", "café")]
    [InlineData("The nai\u0308ve cafe\u0301 owner smiled.", "owner")]
    public void AccentsAndDecomposedMarksKeepAlignment(string text, string subject)
    {
        var (ids, spans) = Tokenizer.EncodeWithSpans(text, 256);
        Assert.Equal(Tokenizer.Encode(text, 256), ids);
        Assert.All(spans.Skip(1).SkipLast(1), s => Assert.True(s.Length > 0));
        var a = Annotate(text);
        var roles = RoleAlignment.TokenRoles(a, Tokenizer, 256);
        var subjectIndex = Enumerable.Range(0, ids.Length).First(i => spans[i].Length > 0 && text.Substring(spans[i].Start, spans[i].Length) == subject);
        Assert.Equal((int)TokenRole.Subject, roles[subjectIndex]);
    }

    [Fact]
    public void TruncationKeepsLengthsEqual()
    {
        var a = Annotate("The patient has had a persistent low fever for three days.");
        var roles = RoleAlignment.TokenRoles(a, Tokenizer, 6);
        Assert.Equal(Tokenizer.Encode(a.Text, 6).Length, roles.Length);
        Assert.Equal((int)TokenRole.Subject, roles[2]);
    }
}
