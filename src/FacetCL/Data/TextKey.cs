using System.Globalization;
using System.Text;

namespace FacetCL.Data;

/// <summary>
/// A comparison key for sentences, used for de-duplication and for keeping evaluation
/// sentences out of training. It has to make a tokenized copy ("A man , walking .", "do n't")
/// equal to the original ("A man, walking.", "don't"), so:
/// <list type="number">
/// <item>lower-case (invariant culture);</item>
/// <item>remove punctuation and symbols (Unicode categories P* and S*), so "don't" → "dont"
/// and the PTB quotes `` '' vanish;</item>
/// <item>collapse whitespace to single spaces and trim;</item>
/// <item>re-attach clitic fragments that tokenizers split off ("n't", "'s", "'re", "'ve",
/// "'ll", "'d", "'m": after step 2 the tokens nt, s, re, ve, ll, d, m) to the word before, so
/// "do nt" → "dont" and "man s" → "mans".</item>
/// </list>
/// Step 4 also joins such a token when it stood alone in the original ("vitamin d" → "vitamind");
/// since both sides of a comparison get the same treatment, the only effect is an occasional
/// extra match, which errs on the safe side for a leak filter.
/// </summary>
public static class TextKey
{
    private static readonly HashSet<string> Clitics = new(StringComparer.Ordinal) { "nt", "s", "re", "ve", "ll", "d", "m" };

    /// <summary>The comparison key of <paramref name="text"/> (see the type's remarks).</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stripped = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            var category = char.GetUnicodeCategory(c);
            if (char.IsWhiteSpace(c))
            {
                stripped.Append(' ');
            }
            else if (!IsPunctuationOrSymbol(category))
            {
                stripped.Append(c);
            }
        }

        var key = new StringBuilder(stripped.Length);
        foreach (var token in stripped.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (key.Length > 0 && !Clitics.Contains(token))
            {
                key.Append(' ');
            }

            key.Append(token);
        }

        return key.ToString();
    }

    private static bool IsPunctuationOrSymbol(UnicodeCategory category) => category is
        UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
        or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
        or UnicodeCategory.OtherPunctuation or UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol
        or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol;
}
