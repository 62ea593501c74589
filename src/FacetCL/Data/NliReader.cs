namespace FacetCL.Data;

/// <summary>
/// Readers for the NLI corpora on hand. Each corpus has its own layout and label spelling;
/// all of them come out as <see cref="NliPair"/> with trimmed text.
/// </summary>
public static class NliReader
{
    /// <summary>
    /// Reads SentEval's SNLI copy: parallel files <c>s1.{split}</c> (premise), <c>s2.{split}</c>
    /// (hypothesis) and <c>labels.{split}</c> in <paramref name="directory"/>, aligned by line.
    /// The text is tokenized ("A man , walking .") and is kept as it is; use <see cref="TextKey"/> to compare it with untokenized text.
    /// </summary>
    public static IReadOnlyList<NliPair> ReadSnliSentEval(string directory, string split)
    {
        var s1Path = Path.Combine(directory, $"s1.{split}");
        var s2Path = Path.Combine(directory, $"s2.{split}");
        var labelsPath = Path.Combine(directory, $"labels.{split}");
        var premises = TextFile.ReadLines(s1Path);
        var hypotheses = TextFile.ReadLines(s2Path);
        var labels = TextFile.ReadLines(labelsPath);
        if (hypotheses.Count != premises.Count)
        {
            throw new DataException($"has {hypotheses.Count} lines but {Path.GetFileName(s1Path)} has {premises.Count}; the files must be aligned", s2Path);
        }

        if (labels.Count != premises.Count)
        {
            throw new DataException($"has {labels.Count} lines but {Path.GetFileName(s1Path)} has {premises.Count}; the files must be aligned", labelsPath);
        }

        var pairs = new List<NliPair>(premises.Count);
        for (var i = 0; i < premises.Count; i++)
        {
            var line = i + 1;
            var premise = FieldParser.Text(premises[i], s1Path, line, "premise");
            var hypothesis = FieldParser.Text(hypotheses[i], s2Path, line, "hypothesis");
            var label = ParseLabelName(labels[i], labelsPath, line);
            pairs.Add(new NliPair(premise, hypothesis, label, new SourceRef(s1Path, line)));
        }

        return pairs;
    }

    /// <summary>Reads a CSV with header <c>premise,hypothesis,label</c> and label names (MultiNLI dev, JOCI).</summary>
    public static IReadOnlyList<NliPair> ReadCsv(string path)
    {
        var table = TextTable.ReadCsv(path, TextFile.DefaultEncoding);
        return ReadTable(table, ParseLabelName);
    }

    /// <summary>
    /// Reads an XNLI TSV with header <c>id\tpremise\thypothesis\tlabel</c>; labels are
    /// numeric there (0 = entailment, 1 = neutral, 2 = contradiction, as in Hugging Face <c>xnli</c>).
    /// </summary>
    public static IReadOnlyList<NliPair> ReadXnliTsv(string path)
    {
        var table = TextTable.ReadTsv(path, TextFile.DefaultEncoding);
        return ReadTable(table, ParseLabelNumber);
    }

    /// <summary>
    /// Reads any NLI table with columns <c>premise</c>, <c>hypothesis</c>, <c>label</c> (.tsv: TAB-separated,
    /// else CSV), with label names or the XNLI numbers 0/1/2.
    /// </summary>
    public static IReadOnlyList<NliPair> ReadFile(string path)
    {
        var table = Path.GetExtension(path).Equals(".tsv", StringComparison.OrdinalIgnoreCase)
            ? TextTable.ReadTsv(path, TextFile.DefaultEncoding)
            : TextTable.ReadCsv(path, TextFile.DefaultEncoding);
        return ReadTable(table, (raw, file, line) => raw.Trim().Length > 0 && char.IsDigit(raw.Trim()[0]) ? ParseLabelNumber(raw, file, line) : ParseLabelName(raw, file, line));
    }

    /// <summary>Whether a table file's header names the NLI columns premise, hypothesis and label.</summary>
    public static bool LooksLikeNliFile(string path)
    {
        var first = TextFile.ReadLines(path, TextFile.DefaultEncoding).FirstOrDefault(l => l.Trim().Length > 0);
        if (first is null) return false;
        var header = first.Split(Path.GetExtension(path).Equals(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : ',').Select(h => h.Trim().Trim('"')).ToArray();
        return header.Contains("premise") && header.Contains("hypothesis") && header.Contains("label");
    }

    /// <summary>Parses <c>entailment</c> | <c>neutral</c> | <c>contradiction</c> (case-insensitive, trimmed).</summary>
    public static NliLabel ParseLabelName(string raw, string file, int line)
    {
        return raw.Trim().ToLowerInvariant() switch
        {
            "entailment" => NliLabel.Entailment,
            "neutral" => NliLabel.Neutral,
            "contradiction" => NliLabel.Contradiction,
            _ => throw new DataException($"unknown label '{raw.Trim()}'; expected entailment, neutral or contradiction", file, line, "label"),
        };
    }

    /// <summary>Parses the XNLI numeric labels 0, 1, 2.</summary>
    public static NliLabel ParseLabelNumber(string raw, string file, int line)
    {
        return raw.Trim() switch
        {
            "0" => NliLabel.Entailment,
            "1" => NliLabel.Neutral,
            "2" => NliLabel.Contradiction,
            _ => throw new DataException($"unknown label '{raw.Trim()}'; expected 0 (entailment), 1 (neutral) or 2 (contradiction)", file, line, "label"),
        };
    }

    private static List<NliPair> ReadTable(TextTable table, Func<string, string, int, NliLabel> parseLabel)
    {
        var premiseColumn = table.Column("premise");
        var hypothesisColumn = table.Column("hypothesis");
        var labelColumn = table.Column("label");
        var pairs = new List<NliPair>(table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var premise = FieldParser.Text(row.Fields[premiseColumn], table.File, row.Line, "premise");
            var hypothesis = FieldParser.Text(row.Fields[hypothesisColumn], table.File, row.Line, "hypothesis");
            var label = parseLabel(row.Fields[labelColumn], table.File, row.Line);
            pairs.Add(new NliPair(premise, hypothesis, label, new SourceRef(table.File, row.Line)));
        }

        return pairs;
    }
}
