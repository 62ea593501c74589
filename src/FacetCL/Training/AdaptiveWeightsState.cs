using System.Text.Json.Serialization;

namespace FacetCL.Training;

/// <summary>
/// Everything <see cref="AdaptiveLossWeights"/> knows: its settings and every evaluation it has seen.
/// Plain JSON (numbers, strings, null for a metric that was not finite), so a checkpoint can store it and
/// a resumed run continues with the same weights and the same future updates.
/// </summary>
public sealed record AdaptiveWeightsState
{
    [JsonPropertyName("terms")] public AdaptiveLossTerm[] Terms { get; init; } = [];
    /// <summary>T of the softmax over decay rates.</summary>
    [JsonPropertyName("temperature")] public double Temperature { get; init; } = 0.1;
    /// <summary>false: metrics and rates are recorded but the weights stay the base weights.</summary>
    [JsonPropertyName("adaptive")] public bool Adaptive { get; init; } = true;
    [JsonPropertyName("evaluations")] public AdaptiveWeightsEvaluation[] Evaluations { get; init; } = [];
}
