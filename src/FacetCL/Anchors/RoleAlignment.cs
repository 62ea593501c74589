using FacetCL.Model;

namespace FacetCL.Anchors;

/// <summary>
/// Carries an annotation's word roles onto the encoder's WordPiece tokens, so training can pool or
/// weight the subject, predicate and object tokens of a text.
/// </summary>
public static class RoleAlignment
{
    /// <summary>
    /// A <see cref="TokenRoleSource"/> over the anchoring pipeline: texts are annotated (Link Grammar,
    /// cached by text, parallel) and their word roles carried onto the tokens. Texts whose parse failed
    /// or timed out get the fallback frame's roles, possibly none (all "other").
    /// </summary>
    public static TokenRoleSource Source(WordPieceTokenizer tokenizer, AnchoringPipeline? pipeline = null)
    {
        var annotate = pipeline ?? new AnchoringPipeline();
        return (texts, maxLength) => annotate.Annotate(texts).Annotations.Select(a => TokenRoles(a, tokenizer, maxLength)).ToList();
    }

    /// <summary>
    /// One <see cref="TokenRole"/> id per token of <c>tokenizer.Encode(a.Text, maxLength)</c>: a token takes
    /// the role of the word its characters fall in; [CLS], [SEP] and unaligned tokens are Other.
    /// </summary>
    public static int[] TokenRoles(Annotation a, WordPieceTokenizer tokenizer, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(tokenizer);
        var (ids, spans) = tokenizer.EncodeWithSpans(a.Text, maxLength);
        var charRoles = new TokenRole[a.Text.Length];
        foreach (var w in a.Words)
        {
            if (w.Role == TokenRole.Other) continue;
            var end = Math.Min(a.Text.Length, w.Start + w.Length);
            for (var c = Math.Max(0, w.Start); c < end; c++) charRoles[c] = w.Role;
        }
        var roles = new int[ids.Length];
        for (var t = 0; t < ids.Length; t++)
        {
            var (start, length) = spans[t];
            for (var c = start; c < start + length && c < charRoles.Length; c++)
            {
                if (charRoles[c] == TokenRole.Other) continue;
                roles[t] = (int)charRoles[c];
                break;
            }
        }
        return roles;
    }
}
