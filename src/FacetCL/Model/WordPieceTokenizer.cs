using Microsoft.ML.Tokenizers;
using static TorchSharp.torch;

namespace FacetCL.Model;

/// <summary>A padded batch of token ids, ready for <see cref="BertEncoder"/>.</summary>
public sealed class TokenBatch(Tensor inputIds, Tensor attentionMask) : IDisposable
{
    public Tensor InputIds { get; } = inputIds;
    public Tensor AttentionMask { get; } = attentionMask;
    public long Count => InputIds.shape[0];
    public long Length => InputIds.shape[1];

    public void Dispose()
    {
        InputIds.Dispose();
        AttentionMask.Dispose();
    }
}

/// <summary>
/// Uncased BERT WordPiece (Microsoft.ML.Tokenizers' <see cref="BertTokenizer"/>) with Hugging Face's
/// truncation: the first <c>maxLength − 2</c> word pieces, then [CLS] … [SEP].
/// </summary>
public sealed class WordPieceTokenizer
{
    readonly BertTokenizer tokenizer;
    public string VocabPath { get; }
    public int ClsId => tokenizer.ClassificationTokenId;
    public int SepId => tokenizer.SeparatorTokenId;
    public int PadId => tokenizer.PaddingTokenId;

    public WordPieceTokenizer(string vocabPath)
    {
        if (!File.Exists(vocabPath)) throw new FileNotFoundException($"vocabulary file not found: {vocabPath}", vocabPath);
        VocabPath = vocabPath;
        // Uncased BERT lower-cases and strips accents (Hugging Face's strip_accents follows do_lower_case).
        tokenizer = BertTokenizer.Create(vocabPath, new BertOptions { LowerCaseBeforeTokenization = true, RemoveNonSpacingMarks = true });
    }

    /// <summary>Token ids with [CLS]/[SEP], truncated to <paramref name="maxLength"/> tokens in all.</summary>
    public int[] Encode(string text, int maxLength)
    {
        if (maxLength < 2) throw new ArgumentOutOfRangeException(nameof(maxLength), "must be at least 2");
        var pieces = tokenizer.EncodeToIds(text, addSpecialTokens: false);
        var keep = Math.Min(pieces.Count, maxLength - 2);
        var ids = new int[keep + 2];
        ids[0] = ClsId;
        for (var i = 0; i < keep; i++) ids[i + 1] = pieces[i];
        ids[keep + 1] = SepId;
        return ids;
    }

    /// <summary>Tokenises and right-pads to the longest text of the batch.</summary>
    public TokenBatch Batch(IReadOnlyList<string> texts, int maxLength) => Pad(texts.Select(t => Encode(t, maxLength)).ToList());

    public TokenBatch Pad(IReadOnlyList<int[]> encoded)
    {
        var length = encoded.Max(e => e.Length);
        var ids = new long[encoded.Count * length];
        var mask = new long[encoded.Count * length];
        for (var row = 0; row < encoded.Count; row++)
        {
            var e = encoded[row];
            for (var col = 0; col < length; col++)
            {
                var i = row * length + col;
                ids[i] = col < e.Length ? e[col] : PadId;
                mask[i] = col < e.Length ? 1 : 0;
            }
        }
        return new TokenBatch(tensor(ids, [encoded.Count, length]), tensor(mask, [encoded.Count, length]));
    }
}
