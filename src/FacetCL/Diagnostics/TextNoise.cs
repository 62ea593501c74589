using System.Text;
using FacetCL.Anchors;

namespace FacetCL.Diagnostics;

/// <summary>The kinds of standard input noise of the robustness metric.</summary>
public enum NoiseKind
{
    /// <summary>Character typos: a chosen word gets one edit (swap of two neighbours, deletion, insertion or substitution of a letter).</summary>
    Typo,

    /// <summary>Token drop: a chosen whitespace token is removed (one token always stays).</summary>
    TokenDrop,

    /// <summary>Synonym swap: a chosen word is replaced by another word of its most frequent WordNet synset.</summary>
    SynonymSwap,
}

/// <summary>
/// Seeded text noise for robustness checks (the perturbations of e.g. Wei &amp; Zou 2019, EDA, and of
/// character-level typo robustness work). Each whitespace token is chosen independently with
/// probability <c>rate</c>; the random stream depends only on (seed, kind, text index), so the same
/// inputs always give the same noisy texts.
/// </summary>
public sealed class TextNoise(WordNet? wordNet = null)
{
    static readonly WordClass[] Classes = [WordClass.Noun, WordClass.Verb, WordClass.Adjective, WordClass.Adverb];
    const string Letters = "abcdefghijklmnopqrstuvwxyz";

    /// <summary>The noisy version of <paramref name="text"/> (the <paramref name="index"/>-th text of a set).</summary>
    public string Apply(string text, NoiseKind kind, double rate, int seed, int index)
    {
        if (rate is < 0 or > 1) throw new ArgumentException("noise rate must be between 0 and 1");
        var rng = new Random(StreamSeed(seed, kind, index));
        var tokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        switch (kind)
        {
            case NoiseKind.Typo:
                for (var i = 0; i < tokens.Count; i++)
                    if (rng.NextDouble() < rate) tokens[i] = Typo(tokens[i], rng);
                break;
            case NoiseKind.TokenDrop:
                var kept = tokens.Where(_ => rng.NextDouble() >= rate).ToList();
                if (kept.Count == 0 && tokens.Count > 0) kept.Add(tokens[rng.Next(tokens.Count)]);
                tokens = kept;
                break;
            case NoiseKind.SynonymSwap:
                for (var i = 0; i < tokens.Count; i++)
                    if (rng.NextDouble() < rate) tokens[i] = Synonym(tokens[i]);
                break;
        }
        return string.Join(' ', tokens);
    }

    /// <summary>A fixed mix of (seed, kind, index); not <see cref="HashCode"/>, which differs per process.</summary>
    static int StreamSeed(int seed, NoiseKind kind, int index)
    {
        unchecked
        {
            var h = (uint)seed * 2654435761u ^ (uint)kind * 40503u ^ (uint)index * 2246822519u;
            h ^= h >> 15;
            h *= 2246822519u;
            h ^= h >> 13;
            return (int)(h & int.MaxValue);
        }
    }

    static string Typo(string token, Random rng)
    {
        // Edit the letters only, so punctuation around the word stays.
        var letters = Enumerable.Range(0, token.Length).Where(i => char.IsLetter(token[i])).ToArray();
        if (letters.Length == 0) return token;
        var sb = new StringBuilder(token);
        var at = letters[rng.Next(letters.Length)];
        switch (letters.Length < 2 ? 1 + rng.Next(3) : rng.Next(4))
        {
            case 0:
                var next = at + 1 < sb.Length && char.IsLetter(sb[at + 1]) ? at + 1 : at - 1;
                if (next < 0 || !char.IsLetter(sb[next])) goto case 3;
                (sb[at], sb[next]) = (sb[next], sb[at]);
                break;
            case 1:
                if (letters.Length < 2) goto case 3;
                sb.Remove(at, 1);
                break;
            case 2:
                sb.Insert(at, Letters[rng.Next(Letters.Length)]);
                break;
            case 3:
                var c = Letters[rng.Next(Letters.Length)];
                sb[at] = c == char.ToLowerInvariant(sb[at]) ? Letters[(Letters.IndexOf(c) + 1) % Letters.Length] : c;
                break;
        }
        return sb.ToString();
    }

    string Synonym(string token)
    {
        var start = 0;
        var end = token.Length;
        while (start < end && !char.IsLetter(token[start])) start++;
        while (end > start && !char.IsLetter(token[end - 1])) end--;
        if (end - start < 3) return token;
        var word = token[start..end];
        var lower = word.ToLowerInvariant();
        var wn = wordNet ?? WordNet.Default;
        foreach (var wordClass in Classes)
        {
            var lemma = wn.BaseForm(lower, wordClass);
            if (lemma is null) continue;
            if (wn.FirstSynset(lemma, wordClass) is not { } synset) continue;
            var other = wn.Words(synset).Select(w => w.Replace('_', ' ')).FirstOrDefault(w => !string.Equals(w, lemma.Replace('_', ' '), StringComparison.OrdinalIgnoreCase) && !string.Equals(w, lower, StringComparison.OrdinalIgnoreCase));
            if (other is null) continue;
            if (char.IsUpper(word[0])) other = char.ToUpperInvariant(other[0]) + other[1..];
            return token[..start] + other + token[end..];
        }
        return token;
    }
}
