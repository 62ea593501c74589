namespace FacetCL.Data;

/// <summary>What a pair file holds, decided from its columns.</summary>
public enum PairFileKind
{
    /// <summary>sentence1, sentence2 and score.</summary>
    ScoredPairs,

    /// <summary>sentence1 and sentence2 without a score (positive pairs).</summary>
    Pairs,

    /// <summary>anchor, positive and negative.</summary>
    Triplets,
}

/// <summary>
/// The contents of one file read by <see cref="PairFileReader"/>. Exactly one of the three
/// lists is filled (the one matching <see cref="Kind"/>); the others are empty.
/// </summary>
public sealed class PairFile
{
    internal PairFile(string path, PairFileFormat format, PairFileKind kind, IReadOnlyList<ScoredPair> scoredPairs, IReadOnlyList<TextPair> pairs, IReadOnlyList<Triplet> triplets)
    {
        Path = path;
        Format = format;
        Kind = kind;
        ScoredPairs = scoredPairs;
        Pairs = pairs;
        Triplets = triplets;
    }

    public string Path { get; }

    /// <summary>The format actually used (never <see cref="PairFileFormat.Auto"/>).</summary>
    public PairFileFormat Format { get; }

    public PairFileKind Kind { get; }

    public IReadOnlyList<ScoredPair> ScoredPairs { get; }

    public IReadOnlyList<TextPair> Pairs { get; }

    public IReadOnlyList<Triplet> Triplets { get; }

    /// <summary>Number of records, whatever the kind.</summary>
    public int Count => Kind switch
    {
        PairFileKind.ScoredPairs => ScoredPairs.Count,
        PairFileKind.Pairs => Pairs.Count,
        _ => Triplets.Count,
    };
}
