namespace FacetCL.Data;

/// <summary>Where a record came from, so that later stages (filters, reports) can point back to it.</summary>
/// <param name="File">Path of the source file as given to the loader.</param>
/// <param name="Line">1-based line number of the record (the first line, for multi-line CSV records).</param>
public sealed record SourceRef(string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";
}
