using System.Security.Cryptography;
using System.Text;

namespace FacetCL.Anchors;

/// <summary>
/// The semantic fingerprint: a stable ID of a proposition's <see cref="CanonicalSlots"/>. It is
/// the first 16 hex digits (64 bits) of SHA-256 over <see cref="Serialize"/>, a versioned text
/// built with ordinal, culture-free operations only, so the ID is the same in every process, on
/// every machine, whatever the hash randomisation (<c>string.GetHashCode</c> is never used).
/// Changing the serialisation must bump <see cref="Version"/>: stored anchors keep old IDs otherwise.
/// </summary>
public static class Fingerprint
{
    public const string Version = "v1";

    /// <summary>Hex digits kept: 64 bits make an accidental collision unlikely below billions of anchors.</summary>
    public const int Length = 16;

    public static string Of(CanonicalSlots slots)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(Serialize(slots)));
        return Convert.ToHexStringLower(hash)[..Length];
    }

    /// <summary>
    /// <c>v1|s=…|p=…|o=…|a=x,y|neg=0|t=past</c>. Values are NFC, their <c>% | , = ~</c> are
    /// percent-escaped, a missing value is <c>~</c> (so it differs from an empty one); attributes are
    /// sorted ordinally and made distinct here too, since their order carries no meaning.
    /// </summary>
    public static string Serialize(CanonicalSlots slots)
    {
        var attributes = slots.Attributes.Select(a => Escape(a)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return string.Concat(
            Version,
            "|s=", Escape(slots.Subject),
            "|p=", Escape(slots.Predicate),
            "|o=", Escape(slots.Object),
            "|a=", string.Join(',', attributes),
            "|neg=", slots.Negated ? "1" : "0",
            "|t=", TenseName(slots.Tense));
    }

    /// <summary>
    /// A readable line for people curating anchors: "dog chase cat [past]", "NOT dog chase cat (black) [present]".
    /// Synset keys show their word only, so two anchors can read alike; the ID is what tells them apart.
    /// </summary>
    public static string CanonicalText(CanonicalSlots slots)
    {
        var parts = new List<string>();
        if (slots.Negated)
            parts.Add("NOT");
        foreach (var v in new[] { slots.Subject, slots.Predicate, slots.Object })
        {
            if (v is not null)
                parts.Add(SynsetKey.Word(v));
        }
        if (slots.Attributes.Count > 0)
            parts.Add("(" + string.Join(", ", slots.Attributes.Select(SynsetKey.Word)) + ")");
        if (slots.Tense != Tense.None)
            parts.Add("[" + TenseName(slots.Tense) + "]");
        return string.Join(' ', parts);
    }

    /// <summary>Explicit names, so renaming the enum members cannot change IDs.</summary>
    private static string TenseName(Tense tense) => tense switch
    {
        Tense.None => "none",
        Tense.Past => "past",
        Tense.Present => "present",
        Tense.Future => "future",
        _ => throw new ArgumentOutOfRangeException(nameof(tense), tense, null),
    };

    private static string Escape(string? value)
    {
        if (value is null)
            return "~";
        var sb = new StringBuilder();
        foreach (var ch in value.Normalize(NormalizationForm.FormC))
        {
            if (ch is '%' or '|' or ',' or '=' or '~' || char.IsControl(ch))
                sb.Append('%').Append(((int)ch).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            else
                sb.Append(ch);
        }
        return sb.ToString();
    }
}
