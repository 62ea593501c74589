using System.Text.Json.Nodes;

namespace FacetCL.Diagnostics;

/// <summary>Settings of <see cref="QualityDiagnostics"/>; every one is recorded in the output and in the config hash.</summary>
public sealed record DiagnosticOptions
{
    /// <summary>Seed of every sample (pairs, rows, noise, task-axis split).</summary>
    public int Seed { get; init; } = 20231;

    /// <summary>Random distinct pairs for uniformity and anisotropy (all pairs when there are fewer).</summary>
    public int UniformityPairs { get; init; } = 100_000;

    /// <summary>Rows for the effective rank's SVD; a seeded sample when there are more.</summary>
    public int RankMaxRows { get; init; } = 20_000;

    /// <summary>STS pairs (a seeded sample) whose noisy versions measure robustness.</summary>
    public int RobustnessPairs { get; init; } = 500;

    /// <summary>Share of words given a typo.</summary>
    public double TypoRate { get; init; } = 0.1;

    /// <summary>Share of tokens dropped.</summary>
    public double TokenDropRate { get; init; } = 0.1;

    /// <summary>Share of words offered a WordNet synonym.</summary>
    public double SynonymRate { get; init; } = 0.2;

    /// <summary>STS pairs with a gold score at least this (of 5) are the positive pairs of alignment (as in SimCSE, Gao et al. 2021).</summary>
    public double AlignmentMinScore { get; init; } = 4.0;

    /// <summary>Rows per chunk of the pairwise centroid distances.</summary>
    public int ChunkRows { get; init; } = 512;

    public int BatchSize { get; init; } = 64;

    /// <summary>
    /// Texts (a seeded sample) of the 2-D projection the dashboard draws (<see cref="SpaceSnapshot"/>).
    /// Not in the config hash: it changes the picture, not a metric.
    /// </summary>
    public int ProjectionPoints { get; init; } = 5_000;

    /// <summary>Token limit (default: the model's).</summary>
    public int? MaxLength { get; init; }

    public double RateOf(NoiseKind kind) => kind switch
    {
        NoiseKind.Typo => TypoRate,
        NoiseKind.TokenDrop => TokenDropRate,
        _ => SynonymRate,
    };

    public JsonObject ToJson() => new()
    {
        ["seed"] = Seed,
        ["uniformity_pairs"] = UniformityPairs,
        ["rank_max_rows"] = RankMaxRows,
        ["robustness_pairs"] = RobustnessPairs,
        ["typo_rate"] = TypoRate,
        ["token_drop_rate"] = TokenDropRate,
        ["synonym_rate"] = SynonymRate,
        ["alignment_min_score"] = AlignmentMinScore,
        ["max_length"] = MaxLength,
    };
}
