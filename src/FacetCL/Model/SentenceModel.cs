using System.Text.Json;
using System.Text.Json.Serialization;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace FacetCL.Model;

/// <summary>facetcl's own settings stored next to the encoder's <c>config.json</c> in a model folder.</summary>
public sealed record ModelSettings
{
    [JsonPropertyName("format")] public string Format { get; init; } = "facetcl-model";
    [JsonPropertyName("format_version")] public int FormatVersion { get; init; } = 1;
    [JsonPropertyName("pooling")] public string Pooling { get; init; } = "mean";
    [JsonPropertyName("normalize")] public bool Normalize { get; init; } = true;
    [JsonPropertyName("max_seq_length")] public int MaxSeqLength { get; init; } = 256;
    [JsonPropertyName("base_model")] public string BaseModel { get; init; } = PretrainedMiniLm.Name;
    [JsonPropertyName("trained_steps")] public long TrainedSteps { get; init; }
    [JsonPropertyName("selected_step")] public long? SelectedStep { get; init; }
}

/// <summary>
/// A sentence encoder: tokenizer + <see cref="BertEncoder"/> + mean pooling + L2 normalisation.
/// Loads the packaged base model (<c>"base"</c>) or a model folder written by <see cref="Save"/>:
/// <c>config.json</c> (Hugging Face BERT config), <c>facetcl.json</c>, <c>model.safetensors</c>
/// (Hugging Face parameter names), <c>vocab.txt</c>.
/// </summary>
public sealed class SentenceModel : IDisposable
{
    public const string BaseName = "base";
    public BertEncoder Encoder { get; }
    public WordPieceTokenizer Tokenizer { get; }
    public ModelSettings Settings { get; set; }
    public BertConfig Config => Encoder.Config;

    public SentenceModel(BertEncoder encoder, WordPieceTokenizer tokenizer, ModelSettings settings)
    {
        Encoder = encoder;
        Tokenizer = tokenizer;
        Settings = settings;
    }

    /// <summary>Loads <c>"base"</c> (the packaged all-MiniLM-L6-v2) or a facetcl / sentence-transformers model folder.</summary>
    public static SentenceModel Load(string pathOrBase)
    {
        if (pathOrBase == BaseName) return LoadBase();
        if (!Directory.Exists(pathOrBase)) throw new DirectoryNotFoundException($"model folder not found: {pathOrBase}");
        if (Export.SentenceTransformersFormat.IsSentenceTransformersFolder(pathOrBase)) return Export.SentenceTransformersFormat.Read(pathOrBase);
        var configPath = Path.Combine(pathOrBase, "config.json");
        var weights = Path.Combine(pathOrBase, "model.safetensors");
        var vocab = Path.Combine(pathOrBase, "vocab.txt");
        foreach (var required in new[] { configPath, weights, vocab })
            if (!File.Exists(required)) throw new FileNotFoundException($"model folder {pathOrBase}: missing {Path.GetFileName(required)}", required);
        var config = BertConfig.FromJson(File.ReadAllText(configPath), configPath);
        var settingsPath = Path.Combine(pathOrBase, "facetcl.json");
        var settings = File.Exists(settingsPath)
            ? JsonSerializer.Deserialize<ModelSettings>(File.ReadAllText(settingsPath)) ?? throw new InvalidDataException($"{settingsPath}: empty")
            : new ModelSettings();
        var encoder = new BertEncoder(config);
        LoadWeights(encoder, Safetensors.LoadStateDict(weights), weights);
        return new SentenceModel(encoder, new WordPieceTokenizer(vocab), settings);
    }

    public static SentenceModel LoadBase()
    {
        var encoder = new BertEncoder(BertConfig.MiniLmL6);
        LoadWeights(encoder, OnnxWeights.ReadHfStateDict(PretrainedMiniLm.OnnxPath), PretrainedMiniLm.OnnxPath);
        return new SentenceModel(encoder, new WordPieceTokenizer(PretrainedMiniLm.VocabPath), new ModelSettings());
    }

    /// <summary>Copies weights into the encoder; every encoder parameter must be present with its shape. Extra entries (e.g. a BERT pooler) are ignored.</summary>
    public static void LoadWeights(BertEncoder encoder, Dictionary<string, Tensor> state, string source)
    {
        using var noGrad = torch.no_grad();
        foreach (var (name, param) in encoder.state_dict())
        {
            // sentence-transformers folders may prefix names (e.g. "bert.").
            var key = state.ContainsKey(name) ? name : state.Keys.FirstOrDefault(k => k.EndsWith("." + name, StringComparison.Ordinal))
                ?? throw new InvalidDataException($"{source}: weight '{name}' is missing");
            var value = state[key];
            if (!value.shape.SequenceEqual(param.shape))
                throw new InvalidDataException($"{source}: weight '{name}' has shape [{string.Join(",", value.shape)}], expected [{string.Join(",", param.shape)}]");
            param.copy_(value);
        }
        foreach (var t in state.Values) t.Dispose();
    }

    /// <summary>Writes the model folder atomically (a reader never sees a half-written folder).</summary>
    public void Save(string dir) => AtomicFile.ReplaceDirectory(dir, SaveInto);

    void SaveInto(string dir)
    {
        File.WriteAllText(Path.Combine(dir, "config.json"), Config.ToJson());
        File.WriteAllText(Path.Combine(dir, "facetcl.json"), JsonSerializer.Serialize(Settings, new JsonSerializerOptions { WriteIndented = true }));
        File.Copy(Tokenizer.VocabPath, Path.Combine(dir, "vocab.txt"));
        Safetensors.SaveStateDict(Path.Combine(dir, "model.safetensors"), Encoder.state_dict());
    }

    /// <summary>Mean-pooled, L2-normalised sentence embeddings of a tokenised batch [batch, hidden]; keeps the graph for training.</summary>
    public Tensor Embed(TokenBatch batch)
    {
        using var scope = NewDisposeScope();
        var hidden = Encoder.forward(batch.InputIds, batch.AttentionMask, null);
        var pooled = Pooling.MeanPool(hidden, batch.AttentionMask);
        var output = Settings.Normalize ? nn.functional.normalize(pooled, p: 2, dim: 1) : pooled;
        return output.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Inference: embeddings of many texts as a float[N, hidden] array, in input order. Texts are
    /// sorted by length into batches so padding stays small.
    /// </summary>
    public float[][] Encode(IReadOnlyList<string> texts, int batchSize = 64, int? maxLength = null, Action<int>? progress = null)
    {
        var limit = maxLength ?? Settings.MaxSeqLength;
        var encoded = texts.Select(t => Tokenizer.Encode(t, limit)).ToArray();
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => encoded[i].Length).ToArray();
        var result = new float[texts.Count][];
        var wasTraining = Encoder.training;
        Encoder.eval();
        try
        {
            using var noGrad = torch.no_grad();
            for (var start = 0; start < order.Length; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var idx = order.Skip(start).Take(batchSize).ToArray();
                using var batch = Tokenizer.Pad(idx.Select(i => encoded[i]).ToList());
                var emb = Embed(batch).to(float32).cpu();
                var flat = emb.data<float>().ToArray();
                var dim = (int)emb.shape[1];
                for (var r = 0; r < idx.Length; r++) result[idx[r]] = flat.AsSpan(r * dim, dim).ToArray();
                progress?.Invoke(idx.Length);
            }
        }
        finally
        {
            Encoder.train(wasTraining);
        }
        return result;
    }

    public void Dispose() => Encoder.Dispose();
}

public static class Pooling
{
    /// <summary>Mean over real tokens: Σ mask·h / Σ mask (sentence-transformers' mean pooling).</summary>
    public static Tensor MeanPool(Tensor hidden, Tensor attentionMask)
    {
        var mask = attentionMask.unsqueeze(-1).to(hidden.dtype);
        return (hidden * mask).sum(1) / mask.sum(1).clamp_min(1e-9);
    }
}
