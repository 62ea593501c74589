namespace FacetCL.Factors;

/// <summary>One factor's label of a text: a continuous value on the factor's scale and its bin (−1 = unknown).</summary>
public readonly record struct FactorLabel(double Value, int Bin)
{
    public static FactorLabel Unknown { get; } = new(double.NaN, -1);
}

/// <summary>The five factor labels of a text, indexed by <see cref="FactorKind"/>.</summary>
public sealed record FactorLabels(IReadOnlyList<FactorLabel> Labels)
{
    public FactorLabel this[FactorKind kind] => Labels[(int)kind];

    /// <summary>The bins in factor order (−1 = unknown).</summary>
    public int[] Bins => Labels.Select(l => l.Bin).ToArray();
}
