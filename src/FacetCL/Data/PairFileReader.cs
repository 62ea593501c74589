using System.Text.Json;

namespace FacetCL.Data;

/// <summary>
/// Reads sentence pairs, scored pairs or triplets from TSV, CSV, JSONL or raw STS-B files.
/// What the file holds is decided from its columns: anchor/positive/negative → triplets;
/// otherwise sentence1/sentence2, with a score when a score column is present.
/// </summary>
public static class PairFileReader
{
    /// <summary>Reads <paramref name="path"/>; every problem is reported as a <see cref="DataException"/>.</summary>
    public static PairFile Read(string path, PairFileOptions? options = null)
    {
        options ??= PairFileOptions.Default;
        var format = options.Format;
        if (format == PairFileFormat.Auto)
        {
            format = FormatFromExtension(path);
        }

        if (format == PairFileFormat.Jsonl)
        {
            return ReadJsonl(path, TextFile.ReadLines(path, options.Encoding), options);
        }

        var lines = TextFile.ReadLines(path, options.Encoding);
        if (options.Format == PairFileFormat.Auto && options.Columns is null && IsRawStsb(lines))
        {
            format = PairFileFormat.Stsb;
        }

        switch (format)
        {
            case PairFileFormat.Stsb:
                var pairs = StsbReader.Parse(path, lines, options.ScoreMin ?? StsbReader.MinScore, options.ScoreMax ?? StsbReader.MaxScore);
                return new PairFile(path, format, PairFileKind.ScoredPairs, pairs, [], []);
            case PairFileFormat.Tsv:
                return ReadTable(TextTable.FromTsvLines(path, lines), format, options);
            case PairFileFormat.Csv:
                return ReadTable(TextTable.FromCsvLines(path, lines), format, options);
            default:
                throw new DataException($"cannot tell the format from the extension '{Path.GetExtension(path)}'; use .tsv, .csv or .jsonl or set the format", path);
        }
    }

    private static PairFileFormat FormatFromExtension(string path) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".tsv" => PairFileFormat.Tsv,
            ".csv" => PairFileFormat.Csv,
            ".jsonl" => PairFileFormat.Jsonl,
            _ => PairFileFormat.Auto,
        };

    /// <summary>Raw STS-B is recognised by content since its files are named .csv but are header-less TSV.</summary>
    private static bool IsRawStsb(IReadOnlyList<string> lines)
    {
        var first = lines.FirstOrDefault(l => l.Length > 0);
        return first is not null && StsbReader.LooksLikeStsbLine(first);
    }

    private static PairFile ReadTable(TextTable table, PairFileFormat format, PairFileOptions options)
    {
        var layout = Layout.Resolve(table.Header, options.Columns ?? ColumnMap.Identity, table.File, table.HeaderLine);
        var index = layout.Columns.ToDictionary(kv => kv.Key, kv => table.Column(kv.Value, kv.Key));
        var builder = new Builder(table.File, layout, options);
        foreach (var row in table.Rows)
        {
            builder.Add(row.Line, (logical, column) => row.Fields[index[logical]], (logical, column) => row.Fields[index[logical]]);
        }

        return builder.Build(format);
    }

    private static PairFile ReadJsonl(string path, IReadOnlyList<string> lines, PairFileOptions options)
    {
        Builder? builder = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = i + 1;
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(lines[i]);
            }
            catch (JsonException ex)
            {
                throw new DataException($"invalid JSON: {ex.Message}", path, line, inner: ex);
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new DataException($"expected a JSON object, found {Describe(root.ValueKind)}", path, line);
                }

                if (builder is null)
                {
                    var keys = root.EnumerateObject().Select(p => p.Name).ToArray();
                    var layout = Layout.Resolve(keys, options.Columns ?? ColumnMap.Identity, path, line, "key");
                    builder = new Builder(path, layout, options);
                }

                builder.Add(line, (logical, key) => JsonText(root, key, path, line), (logical, key) => JsonScore(root, key, path, line));
            }
        }

        return (builder ?? new Builder(path, Layout.Empty, options)).Build(PairFileFormat.Jsonl);
    }

    private static JsonElement JsonProperty(JsonElement root, string key, string path, int line) =>
        root.TryGetProperty(key, out var value) ? value : throw new DataException($"missing key '{key}'", path, line, key);

    private static string JsonText(JsonElement root, string key, string path, int line)
    {
        var value = JsonProperty(root, key, path, line);
        return value.ValueKind == JsonValueKind.String
            ? value.GetString() ?? string.Empty
            : throw new DataException($"text must be a JSON string, found {Describe(value.ValueKind)}", path, line, key);
    }

    /// <summary>Scores may be JSON numbers or numeric strings (some exporters quote everything).</summary>
    private static string JsonScore(JsonElement root, string key, string path, int line)
    {
        var value = JsonProperty(root, key, path, line);
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.String => value.GetString() ?? string.Empty,
            _ => throw new DataException($"score must be a number, found {Describe(value.ValueKind)}", path, line, key),
        };
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };

    /// <summary>Which logical columns a file provides and under which names.</summary>
    private sealed record Layout(PairFileKind Kind, IReadOnlyDictionary<string, string> Columns)
    {
        public static Layout Empty { get; } = new(PairFileKind.Pairs, new Dictionary<string, string>());

        public static Layout Resolve(IReadOnlyCollection<string> available, ColumnMap map, string file, int line, string what = "column")
        {
            string[] tripletNames = [ColumnMap.Anchor, ColumnMap.Positive, ColumnMap.Negative];
            var pairNamesExplicit = map.IsExplicit(ColumnMap.Sentence1) || map.IsExplicit(ColumnMap.Sentence2);
            var triplets = tripletNames.Any(map.IsExplicit)
                || (!pairNamesExplicit && available.Contains(map.Resolve(ColumnMap.Anchor)));

            var columns = new Dictionary<string, string>(StringComparer.Ordinal);
            void Require(string logical)
            {
                var name = map.Resolve(logical);
                if (!available.Contains(name))
                {
                    var forWhat = name == logical ? string.Empty : $" (for {logical})";
                    throw new DataException($"missing {what} '{name}'{forWhat}; found: {string.Join(", ", available.Select(a => $"'{a}'"))}", file, line, name);
                }

                columns[logical] = name;
            }

            if (triplets)
            {
                foreach (var logical in tripletNames)
                {
                    Require(logical);
                }

                return new Layout(PairFileKind.Triplets, columns);
            }

            Require(ColumnMap.Sentence1);
            Require(ColumnMap.Sentence2);
            if (map.IsExplicit(ColumnMap.Score) || available.Contains(map.Resolve(ColumnMap.Score)))
            {
                Require(ColumnMap.Score);
                return new Layout(PairFileKind.ScoredPairs, columns);
            }

            return new Layout(PairFileKind.Pairs, columns);
        }
    }

    /// <summary>Turns rows into records; the accessors hide whether a row came from a table or JSON.</summary>
    private sealed class Builder(string file, Layout layout, PairFileOptions options)
    {
        private readonly List<ScoredPair> scored = [];
        private readonly List<TextPair> pairs = [];
        private readonly List<Triplet> triplets = [];

        public void Add(int line, Func<string, string, string> text, Func<string, string, string> score)
        {
            string Text(string logical)
            {
                var column = layout.Columns[logical];
                return FieldParser.Text(text(logical, column), file, line, column);
            }

            var source = new SourceRef(file, line);
            switch (layout.Kind)
            {
                case PairFileKind.Triplets:
                    triplets.Add(new Triplet(Text(ColumnMap.Anchor), Text(ColumnMap.Positive), Text(ColumnMap.Negative), source));
                    break;
                case PairFileKind.ScoredPairs:
                    var s1 = Text(ColumnMap.Sentence1);
                    var s2 = Text(ColumnMap.Sentence2);
                    var column = layout.Columns[ColumnMap.Score];
                    var value = FieldParser.Score(score(ColumnMap.Score, column), file, line, column, options.ScoreMin, options.ScoreMax);
                    scored.Add(new ScoredPair(s1, s2, value, source));
                    break;
                default:
                    pairs.Add(new TextPair(Text(ColumnMap.Sentence1), Text(ColumnMap.Sentence2), source));
                    break;
            }
        }

        public PairFile Build(PairFileFormat format) => new(file, format, layout.Kind, scored, pairs, triplets);
    }
}
