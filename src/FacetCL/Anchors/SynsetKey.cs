using System.Globalization;
using System.Text.RegularExpressions;

namespace FacetCL.Anchors;

/// <summary>
/// Reads back the canonical synset keys written by <see cref="Synset.Key"/> (<c>word.p.NNNNNNNN</c>),
/// so that canonical slot values can be compared and canonicalised again without a guess.
/// </summary>
public static partial class SynsetKey
{
    [GeneratedRegex(@"^(?<word>.+)\.(?<pos>[nvar])\.(?<offset>\d{8})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool TryParse(string value, out SynsetId id)
    {
        var m = Pattern().Match(value);
        if (!m.Success || SynsetId.ClassOfLetter(m.Groups["pos"].Value[0]) is not { } wc)
        {
            id = default;
            return false;
        }
        id = new SynsetId(wc, long.Parse(m.Groups["offset"].Value, CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>The readable part of a key ("buy.v.02207224" → "buy"; "domestic_dog…" → "domestic dog"); other values unchanged.</summary>
    public static string Word(string value)
    {
        var m = Pattern().Match(value);
        return m.Success ? m.Groups["word"].Value.Replace('_', ' ') : value;
    }
}
