namespace FacetCL.Losses;

/// <summary>
/// Layered temperatures of the factor contrast (DESIGN.md, "Task distillation": low τ for lower layers'
/// heads — tight local structure —, medium for the middle, high for the top and task spaces).
/// <para>
/// The encoder's layers are cut into thirds by depth: a head on 0-based layer i of N gets
/// band = ⌊3·i / N⌋, band 0 → <see cref="Low"/>, 1 → <see cref="Mid"/>, 2 → <see cref="High"/>
/// (six layers: 1–2 low, 3–4 mid, 5–6 high). Depth, not the head's rank among the head layers, decides,
/// so heads on layers 5 and 6 only are both "top"; with heads on every layer (the default) the two
/// readings agree. The fused factor vector, which mixes all depths and is the one users read, gets
/// <see cref="High"/>.
/// </para>
/// Example: <c>new LayerTemperatures(0.05, 0.1, 0.2).ForHeads(heads.LayerIndices, 6)</c> → [0.05, 0.05, 0.1, 0.1, 0.2, 0.2].
/// </summary>
public sealed record LayerTemperatures(double Low, double Mid, double High)
{
    /// <summary>Temperature of the fused factor vectors.</summary>
    public double Fused => High;

    /// <summary>Temperature of a head on 0-based encoder layer <paramref name="layerIndex"/> of <paramref name="layerCount"/>.</summary>
    public double ForLayer(int layerIndex, int layerCount)
    {
        if (layerCount < 1) throw new ArgumentOutOfRangeException(nameof(layerCount), layerCount, "must be positive");
        if (layerIndex < 0 || layerIndex >= layerCount)
            throw new ArgumentOutOfRangeException(nameof(layerIndex), layerIndex, $"the encoder has layers 0..{layerCount - 1}");
        return (3 * layerIndex / layerCount) switch
        {
            0 => Low,
            1 => Mid,
            _ => High,
        };
    }

    /// <summary>One temperature per head layer, in the order of <paramref name="layerIndices"/> (e.g. <c>FactorHeads.LayerIndices</c>).</summary>
    public double[] ForHeads(IReadOnlyList<int> layerIndices, int layerCount) =>
        layerIndices.Select(i => ForLayer(i, layerCount)).ToArray();

    public void Validate()
    {
        foreach (var (name, t) in new[] { ("temperature_low", Low), ("temperature_mid", Mid), ("temperature_high", High) })
            if (!(t > 0) || !double.IsFinite(t)) throw new ArgumentOutOfRangeException(name, t, "must be positive");
    }
}
