using System.Text.Json;
using System.Text.Json.Serialization;

namespace FacetCL.Diagnostics;

/// <summary>One sampled text of a <see cref="SpaceSnapshot"/>.</summary>
/// <param name="Row">its index in the diagnosed texts (<see cref="DiagnosticData.Texts"/>)</param>
/// <param name="X">first principal component of the normalised main vectors</param>
/// <param name="Y">second principal component</param>
/// <param name="AnchorId">anchor id of the text (−1: no anchor, or anchors were not computed)</param>
/// <param name="AnchorSize">texts of the whole data set in that anchor (0 without one)</param>
/// <param name="Factors">per factor (in <see cref="SpaceSnapshot.FactorNames"/> order) the value drawn as colour; null without factor heads</param>
public sealed record SnapshotPoint(int Row, double X, double Y, long AnchorId, int AnchorSize, string Text, double[]? Factors);

/// <summary>
/// What the dashboard draws of one diagnose run besides the metrics: a seeded sample of the space
/// projected to 2-D by PCA (<see cref="Pca"/> over the sample's L2-normalised main vectors, the space
/// the cosine metrics live in), each point's anchor and text, a colour value per factor, the
/// compactness of every anchor with ≥ 2 texts, and the factor × factor orthogonality matrix
/// (<see cref="FactorOrthogonality.Matrix"/> over all texts). Factor values (<see cref="FactorValueDefinition"/>):
/// the fused factor vector's score on that factor's first principal axis, fitted on the sample
/// (sign as in <see cref="Pca"/>), i.e. where the text sits along the factor's main direction of variation.
/// </summary>
public sealed record SpaceSnapshot
{
    public const string FactorValueDefinition =
        "score of the fused factor vector on the factor's first principal axis (PCA of the sampled texts' factor vectors, centred; sign: largest loading positive)";

    public required IReadOnlyList<SnapshotPoint> Points { get; init; }
    /// <summary>Texts diagnosed (the sample is drawn from these).</summary>
    public required int TotalTexts { get; init; }
    public required int Seed { get; init; }
    /// <summary>Share of the sample's variance on PC1 and PC2.</summary>
    public required double[] ExplainedVariance { get; init; }
    /// <summary>Factor names in order; empty without factor heads.</summary>
    public IReadOnlyList<string> FactorNames { get; init; } = [];
    /// <summary>Per-anchor compactness (anchors with ≥ 2 texts); empty without anchors.</summary>
    public IReadOnlyList<AnchorCompactness> Compactness { get; init; } = [];
    /// <summary>Factor orthogonality matrix; null without factor heads.</summary>
    public double[][]? Orthogonality { get; init; }

    /// <summary>
    /// Draws at most <paramref name="maxPoints"/> texts by a seeded shuffle (kept in text order), projects
    /// them and computes each factor's value.
    /// </summary>
    /// <param name="factors">fused factor vectors of every text, one matrix per factor, or null</param>
    public static SpaceSnapshot Build(EmbeddingMatrix embeddings, IReadOnlyList<string> texts, IReadOnlyList<long>? anchorIds,
        IReadOnlyList<EmbeddingMatrix>? factors, IReadOnlyList<string> factorNames, int maxPoints, int seed,
        IReadOnlyList<AnchorCompactness>? compactness = null, double[][]? orthogonality = null)
    {
        if (texts.Count != embeddings.Rows) throw new ArgumentException($"{texts.Count} texts for {embeddings.Rows} rows");
        if (anchorIds is not null && anchorIds.Count != embeddings.Rows) throw new ArgumentException("one anchor id per text is needed");
        if (factors is not null && (factors.Count != factorNames.Count || factors.Any(f => f.Rows != embeddings.Rows)))
            throw new ArgumentException("one named factor matrix with a row per text is needed");
        if (maxPoints < 1) throw new ArgumentException("maxPoints must be positive");
        var order = Enumerable.Range(0, embeddings.Rows).ToArray();
        new Random(seed).Shuffle(order);
        var rows = order.Take(Math.Min(maxPoints, order.Length)).Order().ToArray();

        var pca = Pca.Of(embeddings.Select(rows).Normalized(), 2);
        var factorScores = factors?.Select(f => Pca.Of(f.Select(rows), 1).Scores).ToArray();
        var sizes = new Dictionary<long, int>();
        if (anchorIds is not null)
            foreach (var id in anchorIds.Where(id => id >= 0)) sizes[id] = sizes.GetValueOrDefault(id) + 1;
        var points = new SnapshotPoint[rows.Length];
        for (var p = 0; p < rows.Length; p++)
        {
            var r = rows[p];
            var anchor = anchorIds?[r] ?? -1;
            points[p] = new SnapshotPoint(r, pca.Scores[p][0], pca.Scores[p][1], anchor, anchor >= 0 ? sizes[anchor] : 0, texts[r],
                factorScores?.Select(s => s[p][0]).ToArray());
        }
        return new SpaceSnapshot
        {
            Points = points,
            TotalTexts = embeddings.Rows,
            Seed = seed,
            ExplainedVariance = pca.ExplainedVariance,
            FactorNames = factors is null ? [] : factorNames.ToArray(),
            Compactness = compactness ?? [],
            Orthogonality = orthogonality,
        };
    }

    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, // a degenerate anchor's NaN survives the round trip
    };

    /// <summary>Everything but the points, as stored in the trend store's <c>run_details</c> table.</summary>
    public string DetailsJson() => JsonSerializer.Serialize(new Details(TotalTexts, Points.Count, Seed, ExplainedVariance, FactorNames.ToArray(),
        FactorNames.Count > 0 ? FactorValueDefinition : null, Compactness.ToArray(), Orthogonality), Json);

    /// <summary>Rebuilds a snapshot from its stored details and points.</summary>
    public static SpaceSnapshot FromStored(string detailsJson, IReadOnlyList<SnapshotPoint> points)
    {
        var d = JsonSerializer.Deserialize<Details>(detailsJson, Json) ?? throw new InvalidDataException("empty run details");
        return new SpaceSnapshot
        {
            Points = points,
            TotalTexts = d.TotalTexts,
            Seed = d.Seed,
            ExplainedVariance = d.ExplainedVariance,
            FactorNames = d.FactorNames,
            Compactness = d.Compactness,
            Orthogonality = d.Orthogonality,
        };
    }

    sealed record Details(int TotalTexts, int SampledPoints, int Seed, double[] ExplainedVariance, string[] FactorNames,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FactorValue, AnchorCompactness[] Compactness, double[][]? Orthogonality);
}
