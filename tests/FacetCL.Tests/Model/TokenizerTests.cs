using FacetCL.Model;

namespace FacetCL.Tests.Model;

public class TokenizerTests
{
    static readonly WordPieceTokenizer Tokenizer = new(PretrainedMiniLm.VocabPath);

    // Ids of the BERT uncased vocabulary (bert-base-uncased / all-MiniLM-L6-v2 share it):
    // [CLS]=101 [SEP]=102 [PAD]=0 the=1996 a=1037 man=2158 is=2003 playing=2652 guitar=2858 .=1012 hello=7592 world=2088 !=999 ,=1010.
    [Fact]
    public void KnownSentencesGiveKnownIds()
    {
        Assert.Equal([101, 1037, 2158, 2003, 2652, 1037, 2858, 1012, 102], Tokenizer.Encode("A man is playing a guitar.", 256));
        Assert.Equal([101, 7592, 2088, 999, 102], Tokenizer.Encode("Hello world!", 256));
        Assert.Equal(0, Tokenizer.PadId);
    }

    [Fact]
    public void LowerCasesAndStripsAccentsLikeUncasedBert()
    {
        Assert.Equal(Tokenizer.Encode("hello world, naive cafe", 256), Tokenizer.Encode("HÉLLO Wörld, naïve café", 256));
    }

    [Fact]
    public void TruncatesKeepingClsAndSep()
    {
        var ids = Tokenizer.Encode("A man is playing a guitar.", 5);
        Assert.Equal([101, 1037, 2158, 2003, 102], ids);
    }

    [Fact]
    public void PadsToLongestWithMask()
    {
        using var batch = Tokenizer.Batch(["Hello world!", "A man is playing a guitar."], 256);
        Assert.Equal(new long[] { 2, 9 }, batch.InputIds.shape);
        Assert.Equal(new long[] { 101, 7592, 2088, 999, 102, 0, 0, 0, 0 }, batch.InputIds[0].data<long>().ToArray());
        Assert.Equal(new long[] { 1, 1, 1, 1, 1, 0, 0, 0, 0 }, batch.AttentionMask[0].data<long>().ToArray());
    }
}
