using CsvHelper;

namespace FacetCL.Data;

/// <summary>One data row of a <see cref="TextTable"/> with the line it starts on.</summary>
internal readonly record struct TableRow(string[] Fields, int Line);

/// <summary>
/// A header plus rows, read from TSV (split on TAB, no quoting: the convention of STS-B and
/// XNLI, whose sentences contain bare double quotes) or CSV (RFC 4180 quoting via CsvHelper).
/// Both go through <see cref="TextFile"/> first so that bad bytes are reported by line.
/// </summary>
internal sealed class TextTable
{
    private TextTable(string file, string[] header, int headerLine, List<TableRow> rows)
    {
        File = file;
        Header = header;
        HeaderLine = headerLine;
        Rows = rows;
    }

    public string File { get; }

    public string[] Header { get; }

    public int HeaderLine { get; }

    public IReadOnlyList<TableRow> Rows { get; }

    /// <summary>Reads a TAB-separated file whose first non-empty line is the header. Empty lines are skipped.</summary>
    public static TextTable ReadTsv(string path, string encoding) => FromTsvLines(path, TextFile.ReadLines(path, encoding));

    /// <inheritdoc cref="ReadTsv"/>
    public static TextTable FromTsvLines(string path, IReadOnlyList<string> lines)
    {
        string[]? header = null;
        var headerLine = 0;
        var rows = new List<TableRow>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var fields = lines[i].Split('\t');
            if (header is null)
            {
                header = fields.Select(f => f.Trim()).ToArray();
                headerLine = i + 1;
                continue;
            }

            CheckWidth(path, i + 1, header.Length, fields.Length);
            rows.Add(new TableRow(fields, i + 1));
        }

        return new TextTable(path, header ?? throw new DataException("file is empty: no header line", path), headerLine, rows);
    }

    /// <summary>Reads a comma-separated file with a header, honouring standard double-quote quoting.</summary>
    public static TextTable ReadCsv(string path, string encoding) => FromCsvLines(path, TextFile.ReadLines(path, encoding));

    /// <inheritdoc cref="ReadCsv"/>
    public static TextTable FromCsvLines(string path, IReadOnlyList<string> lines)
    {
        // The lines are already decoded (and checked) by TextFile; rejoining them keeps the
        // line numbering, so CsvHelper's line numbers match the file's.
        var text = string.Join('\n', lines);
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = false,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
        };
        string[]? header = null;
        var headerLine = 0;
        var rows = new List<TableRow>();
        try
        {
            using var reader = CsvReader.Create(new StringReader(text), options);
            while (reader.Read())
            {
                var fields = reader.Current.ToArray();
                var line = checked((int)reader.LineNumber);
                if (header is null)
                {
                    header = fields.Select(f => f.Trim()).ToArray();
                    headerLine = line;
                    continue;
                }

                CheckWidth(path, line, header.Length, fields.Length);
                rows.Add(new TableRow(fields, line));
            }
        }
        catch (CsvFormatException ex)
        {
            int? line = ex.LineNumber > 0 ? checked((int)ex.LineNumber) : null;
            throw new DataException($"malformed CSV: {FirstLine(ex.Message)}", path, line, inner: ex);
        }

        return new TextTable(path, header ?? throw new DataException("file is empty: no header line", path), headerLine, rows);
    }

    /// <summary>Index of a header column, or a <see cref="DataException"/> naming it and listing the header found.</summary>
    public int Column(string name, string? logicalName = null)
    {
        var index = Array.FindIndex(Header, h => h.Equals(name, StringComparison.Ordinal));
        if (index < 0)
        {
            var what = logicalName is not null && logicalName != name ? $"column '{name}' (for {logicalName})" : $"column '{name}'";
            throw new DataException($"missing {what}; header has: {string.Join(", ", Header.Select(h => $"'{h}'"))}", File, HeaderLine, name);
        }

        return index;
    }

    public bool HasColumn(string name) => Array.IndexOf(Header, name) >= 0;

    private static void CheckWidth(string path, int line, int expected, int found)
    {
        if (found != expected)
        {
            throw new DataException($"wrong number of fields: expected {expected} (as in the header), found {found}", path, line);
        }
    }

    private static string FirstLine(string message)
    {
        var cut = message.IndexOfAny(['\r', '\n']);
        return cut < 0 ? message : message[..cut];
    }
}
