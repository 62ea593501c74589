using System.Globalization;

namespace FacetCL.Data;

/// <summary>
/// Reads the original STS Benchmark files (<c>sts-train.csv</c> etc.). Despite the extension
/// they are TAB-separated with no header and no quoting: sentences contain bare double quotes,
/// so a CSV parser would corrupt them. Layout per line:
/// <c>genre, filename, year, id, score, sentence1, sentence2 [, source1, source2]</c>.
/// </summary>
public static class StsbReader
{
    /// <summary>Gold scores of STS-B lie in this range.</summary>
    public const double MinScore = 0.0;

    /// <inheritdoc cref="MinScore"/>
    public const double MaxScore = 5.0;

    private const int ScoreField = 4;
    private const int Sentence1Field = 5;
    private const int Sentence2Field = 6;

    /// <summary>Reads a UTF-8 STS-B file; scores must lie in [0, 5].</summary>
    public static IReadOnlyList<ScoredPair> Read(string path) =>
        Read(path, TextFile.DefaultEncoding, MinScore, MaxScore);

    /// <summary>
    /// True when a line has the raw STS-B shape (7 or 9 TAB fields with a numeric fifth field);
    /// used to recognise these header-less files whatever their extension.
    /// </summary>
    public static bool LooksLikeStsbLine(string line)
    {
        var fields = line.Split('\t');
        return fields.Length is 7 or 9
            && double.TryParse(fields[ScoreField].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _);
    }

    internal static IReadOnlyList<ScoredPair> Read(string path, string encoding, double? min, double? max) =>
        Parse(path, TextFile.ReadLines(path, encoding), min, max);

    internal static IReadOnlyList<ScoredPair> Parse(string path, IReadOnlyList<string> lines, double? min, double? max)
    {
        var pairs = new List<ScoredPair>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = i + 1;
            if (lines[i].Length == 0)
            {
                continue;
            }

            var fields = lines[i].Split('\t');
            if (fields.Length is not (7 or 9))
            {
                throw new DataException($"wrong number of fields: expected 7 or 9 TAB-separated fields, found {fields.Length}", path, line);
            }

            var score = FieldParser.Score(fields[ScoreField], path, line, "score", min, max);
            var s1 = FieldParser.Text(fields[Sentence1Field], path, line, "sentence1");
            var s2 = FieldParser.Text(fields[Sentence2Field], path, line, "sentence2");
            pairs.Add(new ScoredPair(s1, s2, score, new SourceRef(path, line)));
        }

        return pairs;
    }
}
