using System.Globalization;

namespace FacetCL.Data;

/// <summary>Shared checks for individual fields, so every format reports problems the same way.</summary>
internal static class FieldParser
{
    /// <summary>Trims the text; empty text is an error because it would train on nothing.</summary>
    public static string Text(string? raw, string file, int line, string field)
    {
        var text = raw?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            throw new DataException("empty text", file, line, field);
        }

        return text;
    }

    /// <summary>Parses an invariant-culture number and checks the optional inclusive range.</summary>
    public static double Score(string raw, string file, int line, string field, double? min, double? max)
    {
        var trimmed = raw.Trim();
        if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var score) || !double.IsFinite(score))
        {
            throw new DataException($"score is not a number: '{trimmed}'", file, line, field);
        }

        return CheckRange(score, file, line, field, min, max);
    }

    public static double CheckRange(double score, string file, int line, string field, double? min, double? max)
    {
        if ((min is double lo && score < lo) || (max is double hi && score > hi))
        {
            var range = $"[{Show(min, "-inf")}, {Show(max, "+inf")}]";
            throw new DataException($"score {score.ToString(CultureInfo.InvariantCulture)} outside the allowed range {range}", file, line, field);
        }

        return score;
    }

    private static string Show(double? value, string none) =>
        value is double v ? v.ToString(CultureInfo.InvariantCulture) : none;
}
