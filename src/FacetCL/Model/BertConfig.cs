using System.Text.Json;
using System.Text.Json.Serialization;

namespace FacetCL.Model;

/// <summary>
/// Shape of a BERT-family encoder. Property names follow Hugging Face's <c>config.json</c>
/// so the same file is read by facetcl and by <c>transformers</c>.
/// </summary>
public sealed record BertConfig
{
    [JsonPropertyName("vocab_size")] public int VocabSize { get; init; } = 30522;
    [JsonPropertyName("hidden_size")] public int HiddenSize { get; init; } = 384;
    [JsonPropertyName("num_hidden_layers")] public int NumHiddenLayers { get; init; } = 6;
    [JsonPropertyName("num_attention_heads")] public int NumAttentionHeads { get; init; } = 12;
    [JsonPropertyName("intermediate_size")] public int IntermediateSize { get; init; } = 1536;
    [JsonPropertyName("max_position_embeddings")] public int MaxPositionEmbeddings { get; init; } = 512;
    [JsonPropertyName("type_vocab_size")] public int TypeVocabSize { get; init; } = 2;
    [JsonPropertyName("layer_norm_eps")] public double LayerNormEps { get; init; } = 1e-12;
    [JsonPropertyName("hidden_dropout_prob")] public double HiddenDropoutProb { get; init; } = 0.1;
    [JsonPropertyName("attention_probs_dropout_prob")] public double AttentionProbsDropoutProb { get; init; } = 0.1;
    [JsonPropertyName("hidden_act")] public string HiddenAct { get; init; } = "gelu";
    [JsonPropertyName("pad_token_id")] public int PadTokenId { get; init; }
    [JsonPropertyName("model_type")] public string ModelType { get; init; } = "bert";
    [JsonPropertyName("architectures")] public string[] Architectures { get; init; } = ["BertModel"];

    /// <summary>all-MiniLM-L6-v2: 6 layers, hidden 384, 12 heads, intermediate 1536.</summary>
    public static BertConfig MiniLmL6 => new();

    [JsonIgnore] public int HeadSize => HiddenSize / NumAttentionHeads;

    /// <summary>Throws with a clear message when the shape is inconsistent.</summary>
    public void Validate()
    {
        void Require(bool ok, string field, string why)
        {
            if (!ok) throw new ArgumentException($"model config: field '{field}': {why}");
        }
        Require(VocabSize > 0, "vocab_size", "must be positive");
        Require(HiddenSize > 0, "hidden_size", "must be positive");
        Require(NumHiddenLayers > 0, "num_hidden_layers", "must be positive");
        Require(NumAttentionHeads > 0 && HiddenSize % NumAttentionHeads == 0, "num_attention_heads",
            $"must divide hidden_size ({HiddenSize})");
        Require(IntermediateSize > 0, "intermediate_size", "must be positive");
        Require(MaxPositionEmbeddings > 1, "max_position_embeddings", "must be at least 2");
        Require(HiddenAct == "gelu", "hidden_act", $"only 'gelu' is supported, got '{HiddenAct}'");
    }

    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static BertConfig FromJson(string json, string source)
    {
        BertConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<BertConfig>(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not a valid model config: {e.Message}", e);
        }
        if (config is null) throw new InvalidDataException($"{source}: empty model config");
        config.Validate();
        return config;
    }
}
