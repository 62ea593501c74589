using System.Text.Json.Serialization;

namespace FacetCL.Training;

/// <summary>
/// A loss term under <see cref="AdaptiveLossWeights"/>: its name (as logged), its base weight and the
/// validation quality metric it answers to.
/// </summary>
public sealed record AdaptiveLossTerm
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("base_weight")] public required double BaseWeight { get; init; }
    /// <summary>Name of the validation metric (a key of the dictionary given to <see cref="AdaptiveLossWeights.Update"/>).</summary>
    [JsonPropertyName("metric")] public required string Metric { get; init; }
    [JsonPropertyName("higher_is_better")] public required bool HigherIsBetter { get; init; }
}
