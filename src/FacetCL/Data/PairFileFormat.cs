namespace FacetCL.Data;

/// <summary>The on-disk layout of a pair/triplet file.</summary>
public enum PairFileFormat
{
    /// <summary>Detect: a raw STS-B file by its content, otherwise by extension (.tsv, .csv, .jsonl).</summary>
    Auto,

    /// <summary>TAB-separated with a header line; no quoting.</summary>
    Tsv,

    /// <summary>Comma-separated with a header line; RFC 4180 double-quote quoting.</summary>
    Csv,

    /// <summary>One JSON object per line; text values must be JSON strings.</summary>
    Jsonl,

    /// <summary>The original header-less STS Benchmark layout (see <see cref="StsbReader"/>).</summary>
    Stsb,
}
