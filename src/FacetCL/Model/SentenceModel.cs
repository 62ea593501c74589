using System.Text.Json;
using System.Text.Json.Serialization;
using FacetCL.Factors;
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
    /// <summary>Factor heads and role signal (null: a plain sentence encoder).</summary>
    [JsonPropertyName("semantic_tensor")] public SemanticTensorConfig? SemanticTensor { get; init; }
}

/// <summary>
/// A batch's semantic tensor: the main vector and, for models with factor heads, the factor vectors.
/// </summary>
/// <param name="Main">[B, H] mean-pooled last layer (L2-normalised when the model normalises)</param>
/// <param name="Factors">fused, per-layer factor vectors and gates (<see cref="FactorOutput"/>), or null</param>
public sealed record SemanticTensor(Tensor Main, FactorOutput? Factors);

/// <summary>
/// Gives the token role ids (0 other, 1 subject, 2 predicate, 3 object) of each text, aligned to
/// <c>Tokenizer.Encode(text, maxLength)</c>; the anchoring stage's parse provides one (<c>RoleAlignment.Source</c>).
/// </summary>
public delegate IReadOnlyList<int[]> TokenRoleSource(IReadOnlyList<string> texts, int maxLength);

/// <summary>Semantic tensors of many texts as arrays, in input order (F factors, L head layers, N texts).</summary>
/// <param name="Main">[N][H]</param>
/// <param name="Factors">[F][N][d] fused factor vectors, or null for a model without factor heads</param>
/// <param name="Gates">[F][N][L] layer gates, or null</param>
/// <param name="PerLayer">[F][L][N][d] per-layer factor vectors when asked for, else null</param>
public sealed record EncodedTensor(float[][] Main, float[][][]? Factors, float[][][]? Gates, float[][][][]? PerLayer);

/// <summary>
/// A sentence encoder: tokenizer + <see cref="BertEncoder"/> + mean pooling + L2 normalisation, and
/// optionally the semantic tensor's parts: a <see cref="RoleSignal"/> on the input embeddings and
/// <see cref="FactorHeads"/> over the layers.
/// Loads the packaged base model (<c>"base"</c>) or a model folder written by <see cref="Save"/>:
/// <c>config.json</c> (Hugging Face BERT config), <c>facetcl.json</c>, <c>model.safetensors</c>
/// (Hugging Face parameter names: the folder is also a BERT checkpoint), <c>vocab.txt</c>, and for a
/// semantic-tensor model <c>semantic_tensor.safetensors</c> (<c>roles.*</c>, <c>factors.*</c>).
/// </summary>
public sealed class SentenceModel : IDisposable
{
    public const string BaseName = "base";
    public const string SemanticTensorFile = "semantic_tensor.safetensors";
    public BertEncoder Encoder { get; }
    public WordPieceTokenizer Tokenizer { get; }
    public ModelSettings Settings { get; set; }
    public BertConfig Config => Encoder.Config;
    /// <summary>The role-aware position signal, or null.</summary>
    public RoleSignal? Roles { get; private set; }
    /// <summary>The factor heads, or null for a plain sentence encoder.</summary>
    public FactorHeads? Factors { get; private set; }

    public SentenceModel(BertEncoder encoder, WordPieceTokenizer tokenizer, ModelSettings settings)
    {
        Encoder = encoder;
        Tokenizer = tokenizer;
        Settings = settings;
        if (settings.SemanticTensor is { } st) CreateSemanticTensor(st);
    }

    /// <summary>
    /// Gives the model fresh factor heads (and a role signal when <see cref="SemanticTensorConfig.Roles"/>)
    /// drawn from LibTorch's current generator; the settings record the shape.
    /// </summary>
    public void AddSemanticTensor(SemanticTensorConfig config)
    {
        if (Factors is not null) throw new InvalidOperationException("the model already has factor heads");
        CreateSemanticTensor(config);
        Settings = Settings with { SemanticTensor = config };
    }

    void CreateSemanticTensor(SemanticTensorConfig config)
    {
        Factors = new FactorHeads(Config.HiddenSize, Config.NumHiddenLayers, config);
        Roles = config.Roles ? new RoleSignal(Config.HiddenSize, config.RoleScales, config.LearnableRoleScales) : null;
    }

    /// <summary>Every parameter, encoder ones under their Hugging Face names, then <c>roles.*</c> and <c>factors.*</c>.</summary>
    public IEnumerable<(string Name, TorchSharp.Modules.Parameter Parameter)> NamedParameters()
    {
        foreach (var p in Encoder.named_parameters()) yield return p;
        foreach (var (prefix, module) in Extras())
            foreach (var (name, p) in module.named_parameters()) yield return ($"{prefix}.{name}", p);
    }

    IEnumerable<(string Prefix, nn.Module Module)> Extras()
    {
        if (Roles is not null) yield return ("roles", Roles);
        if (Factors is not null) yield return ("factors", Factors);
    }

    /// <summary>Switches dropout on (training) or off in every part.</summary>
    public void Train(bool on)
    {
        Encoder.train(on);
        foreach (var (_, m) in Extras()) m.train(on);
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
        var model = new SentenceModel(encoder, new WordPieceTokenizer(vocab), settings);
        if (settings.SemanticTensor is not null) model.LoadSemanticTensor(Path.Combine(pathOrBase, SemanticTensorFile));
        return model;
    }

    /// <summary>Copies <c>roles.*</c> and <c>factors.*</c> from a safetensors file; every tensor must be there with its shape.</summary>
    public void LoadSemanticTensor(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"model folder {Path.GetDirectoryName(path)}: missing {Path.GetFileName(path)} (facetcl.json names a semantic tensor)", path);
        var state = Safetensors.LoadStateDict(path);
        using (torch.no_grad())
        {
            foreach (var (prefix, module) in Extras())
                foreach (var (name, p) in module.named_parameters())
                {
                    var key = $"{prefix}.{name}";
                    if (!state.TryGetValue(key, out var value)) throw new InvalidDataException($"{path}: tensor '{key}' is missing");
                    if (!value.shape.SequenceEqual(p.shape))
                        throw new InvalidDataException($"{path}: tensor '{key}' has shape [{string.Join(",", value.shape)}], expected [{string.Join(",", p.shape)}]");
                    p.copy_(value);
                }
        }
        foreach (var t in state.Values) t.Dispose();
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
        if (Factors is not null) SaveSemanticTensor(Path.Combine(dir, SemanticTensorFile));
    }

    /// <summary>Writes <c>roles.*</c> and <c>factors.*</c> to a safetensors file.</summary>
    public void SaveSemanticTensor(string path)
    {
        var state = new Dictionary<string, Tensor>();
        foreach (var (prefix, module) in Extras())
            foreach (var (name, p) in module.named_parameters()) state[$"{prefix}.{name}"] = p;
        Safetensors.SaveStateDict(path, state);
    }

    /// <summary>Mean-pooled, L2-normalised sentence embeddings of a tokenised batch [batch, hidden]; keeps the graph for training.</summary>
    public Tensor Embed(TokenBatch batch)
    {
        using var scope = NewDisposeScope();
        var hidden = Encoder.Layers(batch.InputIds, batch.AttentionMask, null, RoleOffset(batch))[^1];
        return MainVector(hidden, batch.AttentionMask).MoveToOuterDisposeScope();
    }

    /// <summary>The semantic tensor of a tokenised batch (factor parts null without factor heads); keeps the graph for training.</summary>
    public SemanticTensor EmbedTensor(TokenBatch batch)
    {
        using var scope = NewDisposeScope();
        var layers = Encoder.Layers(batch.InputIds, batch.AttentionMask, null, RoleOffset(batch));
        var main = MainVector(layers[^1], batch.AttentionMask).MoveToOuterDisposeScope();
        if (Factors is null) return new SemanticTensor(main, null);
        var f = Factors.forward(layers, batch.AttentionMask);
        return new SemanticTensor(main, new FactorOutput(f.Fused.MoveToOuterDisposeScope(), f.PerLayer.MoveToOuterDisposeScope(), f.Gates.MoveToOuterDisposeScope()));
    }

    Tensor? RoleOffset(TokenBatch batch) => Roles is not null && batch.RoleIds is not null ? Roles.forward(batch.RoleIds) : null;

    Tensor MainVector(Tensor hidden, Tensor mask)
    {
        var pooled = Pooling.MeanPool(hidden, mask);
        return Settings.Normalize ? nn.functional.normalize(pooled, p: 2, dim: 1) : pooled;
    }

    /// <summary>
    /// Inference: embeddings of many texts as a float[N, hidden] array, in input order. Texts are
    /// sorted by length into batches so padding stays small.
    /// </summary>
    /// <param name="tokenRoles">per text, the role id of each token of <c>Tokenizer.Encode(text, maxLength)</c> (see <c>RoleAlignment</c>), or null: no role signal</param>
    public float[][] Encode(IReadOnlyList<string> texts, int batchSize = 64, int? maxLength = null, Action<int>? progress = null, IReadOnlyList<int[]>? tokenRoles = null) =>
        EncodeTensor(texts, batchSize, maxLength, progress, tokenRoles, factors: false).Main;

    /// <summary>
    /// Inference: the semantic tensor of many texts (<see cref="Encode"/> plus, when the model has factor
    /// heads and <paramref name="factors"/>, the fused factor vectors and gates; per-layer vectors when
    /// <paramref name="perLayer"/>).
    /// </summary>
    public EncodedTensor EncodeTensor(IReadOnlyList<string> texts, int batchSize = 64, int? maxLength = null, Action<int>? progress = null,
        IReadOnlyList<int[]>? tokenRoles = null, bool factors = true, bool perLayer = false)
    {
        var limit = maxLength ?? Settings.MaxSeqLength;
        if (tokenRoles is not null && tokenRoles.Count != texts.Count) throw new ArgumentException("one role array per text is needed");
        var encoded = texts.Select(t => Tokenizer.Encode(t, limit)).ToArray();
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => encoded[i].Length).ToArray();
        var withFactors = factors && Factors is not null;
        int f = FactorKinds.Count, l = Factors?.LayerIndices.Length ?? 0;
        var main = new float[texts.Count][];
        var fused = withFactors ? NewArrays(f, texts.Count) : null;
        var gates = withFactors ? NewArrays(f, texts.Count) : null;
        var layers = withFactors && perLayer ? Enumerable.Range(0, f).Select(_ => NewArrays(l, texts.Count)).ToArray() : null;
        var wasTraining = Encoder.training;
        Train(false);
        try
        {
            using var noGrad = torch.no_grad();
            for (var start = 0; start < order.Length; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var idx = order.Skip(start).Take(batchSize).ToArray();
                using var batch = Tokenizer.Pad(idx.Select(i => encoded[i]).ToList(), tokenRoles is null ? null : idx.Select(i => tokenRoles[i]).ToList());
                var tensor = withFactors ? EmbedTensor(batch) : new SemanticTensor(Embed(batch), null);
                Scatter(tensor.Main, idx, main);
                if (tensor.Factors is { } fo && fused is not null && gates is not null)
                    for (var k = 0; k < f; k++)
                    {
                        Scatter(fo.Fused[k], idx, fused[k]);
                        Scatter(fo.Gates[k], idx, gates[k]);
                        if (layers is not null)
                            for (var j = 0; j < l; j++) Scatter(fo.PerLayer[k, j], idx, layers[k][j]);
                    }
                progress?.Invoke(idx.Length);
            }
        }
        finally
        {
            Train(wasTraining);
        }
        return new EncodedTensor(main, fused, gates, layers);
    }

    static float[][][] NewArrays(int outer, int rows) => Enumerable.Range(0, outer).Select(_ => new float[rows][]).ToArray();

    /// <summary>Row r of a [rows, dim] tensor goes to <c>target[idx[r]]</c>.</summary>
    static void Scatter(Tensor rows, int[] idx, float[][] target)
    {
        using var cpu = rows.to(float32).cpu().contiguous();
        var flat = cpu.data<float>().ToArray();
        var dim = (int)cpu.shape[1];
        for (var r = 0; r < idx.Length; r++) target[idx[r]] = flat.AsSpan(r * dim, dim).ToArray();
    }

    public void Dispose()
    {
        Encoder.Dispose();
        Roles?.Dispose();
        Factors?.Dispose();
    }
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
