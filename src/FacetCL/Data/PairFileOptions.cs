namespace FacetCL.Data;

/// <summary>How <see cref="PairFileReader"/> should interpret a file.</summary>
public sealed record PairFileOptions
{
    /// <summary>Defaults: auto-detected format, identity column names, UTF-8, no score range check.</summary>
    public static PairFileOptions Default { get; } = new();

    public PairFileFormat Format { get; init; } = PairFileFormat.Auto;

    /// <summary>Column names to use; null means the logical names (e.g. header <c>sentence1\tsentence2\tscore</c>).</summary>
    public ColumnMap? Columns { get; init; }

    /// <summary>Text encoding name (e.g. <c>utf-8</c>, <c>windows-1252</c>); bytes invalid in it are an error.</summary>
    public string Encoding { get; init; } = TextFile.DefaultEncoding;

    /// <summary>Inclusive lower bound for scores; null = unchecked (STS-B format defaults to 0).</summary>
    public double? ScoreMin { get; init; }

    /// <summary>Inclusive upper bound for scores; null = unchecked (STS-B format defaults to 5).</summary>
    public double? ScoreMax { get; init; }
}
