using System.Text.Json.Serialization;

namespace FacetCL.Training;

/// <summary>One evaluation as the scheduler saw it.</summary>
public sealed record AdaptiveWeightsEvaluation
{
    [JsonPropertyName("step")] public long Step { get; init; }
    /// <summary>Value of each term's metric, by metric name; null when it was not finite.</summary>
    [JsonPropertyName("metrics")] public Dictionary<string, double?> Metrics { get; init; } = [];
    /// <summary>Decay rate r_k of each term, by term name (1 = unchanged).</summary>
    [JsonPropertyName("rates")] public Dictionary<string, double> Rates { get; init; } = [];
    /// <summary>Weight of each term from this evaluation on, by term name.</summary>
    [JsonPropertyName("weights")] public Dictionary<string, double> Weights { get; init; } = [];
}
