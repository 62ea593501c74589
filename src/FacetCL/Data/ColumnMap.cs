namespace FacetCL.Data;

/// <summary>
/// Maps the logical columns a loader needs (sentence1, sentence2, score, anchor, positive,
/// negative) to the names used by a particular file, so files with other headers (say
/// <c>question</c>/<c>answer</c>) can be read without rewriting them.
/// </summary>
public sealed class ColumnMap
{
    public const string Sentence1 = "sentence1";
    public const string Sentence2 = "sentence2";
    public const string Score = "score";
    public const string Anchor = "anchor";
    public const string Positive = "positive";
    public const string Negative = "negative";

    /// <summary>All logical column names, in a fixed order.</summary>
    public static IReadOnlyList<string> LogicalNames { get; } = [Sentence1, Sentence2, Score, Anchor, Positive, Negative];

    private readonly Dictionary<string, string> mapping;

    public ColumnMap(IReadOnlyDictionary<string, string> mapping)
    {
        this.mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (logical, column) in mapping)
        {
            var key = logical.Trim().ToLowerInvariant();
            if (!LogicalNames.Contains(key))
            {
                throw new ArgumentException($"unknown logical column '{logical}'; expected one of: {string.Join(", ", LogicalNames)}", nameof(mapping));
            }

            if (string.IsNullOrWhiteSpace(column))
            {
                throw new ArgumentException($"logical column '{logical}' is mapped to an empty name", nameof(mapping));
            }

            if (!this.mapping.TryAdd(key, column.Trim()))
            {
                throw new ArgumentException($"logical column '{logical}' is mapped twice", nameof(mapping));
            }
        }
    }

    /// <summary>An empty map: every logical column is looked up under its own name.</summary>
    public static ColumnMap Identity { get; } = new(new Dictionary<string, string>());

    /// <summary>The explicit entries (logical name → file column name).</summary>
    public IReadOnlyDictionary<string, string> Entries => mapping;

    /// <summary>Parses <c>"sentence1=question,sentence2=answer,score=label"</c>.</summary>
    /// <exception cref="ArgumentException">The text is not a list of <c>logical=column</c> entries.</exception>
    public static ColumnMap Parse(string spec)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0)
            {
                throw new ArgumentException($"column mapping entry '{part}' is not of the form logical=column", nameof(spec));
            }

            var logical = part[..eq].Trim().ToLowerInvariant();
            if (entries.ContainsKey(logical))
            {
                throw new ArgumentException($"logical column '{logical}' is mapped twice", nameof(spec));
            }

            entries[logical] = part[(eq + 1)..];
        }

        return new ColumnMap(entries);
    }

    /// <summary>True when the logical column was mapped explicitly (so it must exist in the file).</summary>
    public bool IsExplicit(string logical) => mapping.ContainsKey(logical);

    /// <summary>The file column name for a logical column: the mapped name, or the logical name itself.</summary>
    public string Resolve(string logical) => mapping.TryGetValue(logical, out var column) ? column : logical;

    public override string ToString() => string.Join(",", mapping.Select(kv => $"{kv.Key}={kv.Value}"));
}
