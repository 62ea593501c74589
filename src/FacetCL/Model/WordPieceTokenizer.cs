using Microsoft.ML.Tokenizers;
using static TorchSharp.torch;

namespace FacetCL.Model;

/// <summary>A padded batch of token ids, ready for <see cref="BertEncoder"/>, with optional token role ids.</summary>
public sealed class TokenBatch(Tensor inputIds, Tensor attentionMask, Tensor? roleIds = null) : IDisposable
{
    public Tensor InputIds { get; } = inputIds;
    public Tensor AttentionMask { get; } = attentionMask;
    /// <summary>[batch, seq] role ids (0 = other, also on padding), or null.</summary>
    public Tensor? RoleIds { get; } = roleIds;
    public long Count => InputIds.shape[0];
    public long Length => InputIds.shape[1];

    public void Dispose()
    {
        InputIds.Dispose();
        AttentionMask.Dispose();
        RoleIds?.Dispose();
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

    /// <summary>
    /// <see cref="Encode"/>'s ids plus, per token, the span in <paramref name="text"/> of the word it came
    /// from (word pieces of one word share its span; [CLS]/[SEP] get (0, 0)). The tokenizer's own offsets
    /// refer to its lower-cased, accent-stripped text, which can differ in length from the original, so the
    /// spans come from BERT's basic split of the original (whitespace, punctuation, CJK) with each word
    /// tokenised alone, checked against the full encoding; where that check fails the spans stay (0, 0).
    /// </summary>
    public (int[] Ids, (int Start, int Length)[] Spans) EncodeWithSpans(string text, int maxLength)
    {
        var ids = Encode(text, maxLength);
        var spans = new (int Start, int Length)[ids.Length];
        var pieces = new List<(int Id, int Start, int Length)>();
        foreach (var (start, length) in BasicWords(text))
        {
            foreach (var id in tokenizer.EncodeToIds(text.Substring(start, length), addSpecialTokens: false))
                pieces.Add((id, start, length));
            if (pieces.Count >= ids.Length - 2) break;
        }
        var inner = ids.Length - 2;
        if (pieces.Count < inner) return (ids, spans);
        for (var i = 0; i < inner; i++)
            if (pieces[i].Id != ids[i + 1]) return (ids, new (int, int)[ids.Length]);
        for (var i = 0; i < inner; i++) spans[i + 1] = (pieces[i].Start, pieces[i].Length);
        return (ids, spans);
    }

    /// <summary>BERT's basic tokenisation as spans: split on whitespace and controls; punctuation and CJK ideographs stand alone.</summary>
    static IEnumerable<(int Start, int Length)> BasicWords(string text)
    {
        var start = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var space = char.IsWhiteSpace(c) || char.IsControl(c);
            var alone = !space && (IsBertPunctuation(c) || IsCjk(c));
            if ((space || alone) && start >= 0) { yield return (start, i - start); start = -1; }
            if (alone) yield return (i, 1);
            else if (!space && start < 0) start = i;
        }
        if (start >= 0) yield return (start, text.Length - start);
    }

    static bool IsBertPunctuation(char c) =>
        c is >= '!' and <= '/' or >= ':' and <= '@' or >= '[' and <= '`' or >= '{' and <= '~' || char.IsPunctuation(c);

    static bool IsCjk(char c) =>
        c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF';

    /// <summary>Tokenises and right-pads to the longest text of the batch.</summary>
    public TokenBatch Batch(IReadOnlyList<string> texts, int maxLength) => Pad(texts.Select(t => Encode(t, maxLength)).ToList());

    /// <param name="roles">per row, role ids of its tokens (a row may be shorter or longer than its tokens: missing ones are 0 = other, extra ones are cut), or null</param>
    public TokenBatch Pad(IReadOnlyList<int[]> encoded, IReadOnlyList<int[]?>? roles = null)
    {
        if (roles is not null && roles.Count != encoded.Count) throw new ArgumentException("one role array per row is needed");
        var length = encoded.Max(e => e.Length);
        var ids = new long[encoded.Count * length];
        var mask = new long[encoded.Count * length];
        var roleIds = roles is null ? null : new long[encoded.Count * length];
        for (var row = 0; row < encoded.Count; row++)
        {
            var e = encoded[row];
            var r = roles?[row];
            for (var col = 0; col < length; col++)
            {
                var i = row * length + col;
                ids[i] = col < e.Length ? e[col] : PadId;
                mask[i] = col < e.Length ? 1 : 0;
                if (roleIds is not null && r is not null && col < e.Length && col < r.Length) roleIds[i] = r[col];
            }
        }
        return new TokenBatch(tensor(ids, [encoded.Count, length]), tensor(mask, [encoded.Count, length]),
            roleIds is null ? null : tensor(roleIds, [encoded.Count, length]));
    }
}
