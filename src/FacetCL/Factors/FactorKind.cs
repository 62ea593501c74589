namespace FacetCL.Factors;

/// <summary>
/// The five factors of the semantic tensor (DESIGN.md, "Structural disentanglement"). The numeric
/// value is the factor's index everywhere: in the model's factor heads, in label arrays and in
/// saved files, so the order never changes.
/// </summary>
public enum FactorKind
{
    /// <summary>Syntactic dependency strength (link lengths / parse depth).</summary>
    Syntax = 0,
    /// <summary>Semantic-role density (arguments per predicate per token).</summary>
    RoleDensity = 1,
    /// <summary>Sentiment polarity.</summary>
    Sentiment = 2,
    /// <summary>Factuality (fact vs. opinion / fiction).</summary>
    Factuality = 3,
    /// <summary>Temporal explicitness (tense, time expressions, dates).</summary>
    Temporal = 4,
}

/// <summary>Names and order of the factors.</summary>
public static class FactorKinds
{
    public static IReadOnlyList<FactorKind> All { get; } = [FactorKind.Syntax, FactorKind.RoleDensity, FactorKind.Sentiment, FactorKind.Factuality, FactorKind.Temporal];

    public static int Count => All.Count;

    /// <summary>snake_case name used in configs, JSON and file names.</summary>
    public static string Name(this FactorKind kind) => kind switch
    {
        FactorKind.Syntax => "syntax",
        FactorKind.RoleDensity => "role_density",
        FactorKind.Sentiment => "sentiment",
        FactorKind.Factuality => "factuality",
        FactorKind.Temporal => "temporal",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static FactorKind Parse(string name) =>
        All.FirstOrDefault(k => k.Name() == name, (FactorKind)(-1)) is var k && (int)k >= 0
            ? k
            : throw new ArgumentException($"unknown factor '{name}' (known: {string.Join(", ", All.Select(f => f.Name()))})");
}
