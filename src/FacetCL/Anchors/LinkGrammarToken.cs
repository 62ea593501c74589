using System.Text.RegularExpressions;

namespace FacetCL.Anchors;

/// <summary>
/// Splits Link Grammar's printed words: <c>had.v-d</c> → ("had", "v-d"), <c>Héllo[!]</c> → ("Héllo", null),
/// <c>world[~].p</c> → ("world", "p"), <c>[qwer]</c> (a null-linked word) → ("qwer", null).
/// Tokens such as "U.S." or "3.5" keep their dots: a subscript starts with a letter and holds no dot.
/// </summary>
static partial class LinkGrammarToken
{
    [GeneratedRegex(@"^(?<w>.+?)(?:\[[!?~&][^\]]*\])?(?:\.(?<s>[a-z][A-Za-z0-9*#_-]*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static (string Word, string? Subscript) Split(string token)
    {
        var t = token;
        if (t.Length > 2 && t[0] == '[' && t[^1] == ']') t = t[1..^1];
        var m = Pattern().Match(t);
        if (!m.Success) return (t, null);
        var s = m.Groups["s"];
        return (m.Groups["w"].Value, s.Success ? s.Value : null);
    }
}
