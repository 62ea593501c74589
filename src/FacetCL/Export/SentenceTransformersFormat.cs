using System.Text.Json;
using System.Text.Json.Nodes;
using FacetCL.Model;
using TorchSharp.PyBridge;

namespace FacetCL.Export;

/// <summary>
/// The sentence-transformers folder layout, so that Python's <c>SentenceTransformer(dir)</c> loads a
/// facetcl model with no conversion step, and facetcl loads such folders back:
/// <c>modules.json</c> (Transformer → mean Pooling → optional Normalize), the Hugging Face BERT files
/// (<c>config.json</c>, <c>model.safetensors</c>, <c>vocab.txt</c>, tokenizer configs),
/// <c>sentence_bert_config.json</c>, <c>1_Pooling/config.json</c>, <c>2_Normalize/</c> and a model card.
/// Only the main sentence vector is exported; facetcl's factor vectors have no place in this format.
/// </summary>
public static class SentenceTransformersFormat
{
    public const string ModulesFile = "modules.json";
    const string TransformerType = "sentence_transformers.models.Transformer";
    const string PoolingType = "sentence_transformers.models.Pooling";
    const string NormalizeType = "sentence_transformers.models.Normalize";
    /// <summary>Pooling modes sentence-transformers knows; facetcl models use mean pooling only.</summary>
    static readonly string[] OtherPoolingModes =
        ["pooling_mode_cls_token", "pooling_mode_max_tokens", "pooling_mode_mean_sqrt_len_tokens", "pooling_mode_weightedmean_tokens", "pooling_mode_lasttoken"];
    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static bool IsSentenceTransformersFolder(string dir) => File.Exists(Path.Combine(dir, ModulesFile));

    /// <summary>Writes the folder atomically: a reader sees the old folder or the complete new one.</summary>
    public static void Write(SentenceModel model, string dir) =>
        AtomicFile.ReplaceDirectory(dir, tmp => WriteInto(model, tmp, FolderName(dir)));

    static string FolderName(string dir) => Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir)));

    static void WriteInto(SentenceModel model, string dir, string name)
    {
        var c = model.Config;
        var s = model.Settings;
        void Json(string name, JsonNode node)
        {
            var path = Path.Combine(dir, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, node.ToJsonString(Indented) + "\n");
        }

        var config = JsonNode.Parse(c.ToJson())!.AsObject();
        config["position_embedding_type"] = "absolute";
        config["initializer_range"] = 0.02;
        config["torch_dtype"] = "float32";
        Json("config.json", config);
        Safetensors.SaveStateDict(Path.Combine(dir, "model.safetensors"), model.Encoder.state_dict());
        SafetensorsHeader.SetFormatPt(Path.Combine(dir, "model.safetensors"));
        File.Copy(model.Tokenizer.VocabPath, Path.Combine(dir, "vocab.txt"));

        var specialTokens = new JsonObject
        {
            ["unk_token"] = "[UNK]",
            ["sep_token"] = "[SEP]",
            ["pad_token"] = "[PAD]",
            ["cls_token"] = "[CLS]",
            ["mask_token"] = "[MASK]",
        };
        Json("special_tokens_map.json", specialTokens.DeepClone());
        var tokenizer = new JsonObject
        {
            ["tokenizer_class"] = "BertTokenizer",
            ["do_lower_case"] = true, // WordPieceTokenizer lower-cases and strips accents
            ["strip_accents"] = null,
            ["tokenize_chinese_chars"] = true,
            ["do_basic_tokenize"] = true,
            ["model_max_length"] = c.MaxPositionEmbeddings,
            ["clean_up_tokenization_spaces"] = true,
        };
        foreach (var (key, value) in specialTokens) tokenizer[key] = value!.DeepClone();
        Json("tokenizer_config.json", tokenizer);

        var modules = new JsonArray(
            Module(0, "", TransformerType),
            Module(1, "1_Pooling", PoolingType));
        if (s.Normalize) modules.Add(Module(2, "2_Normalize", NormalizeType));
        Json(ModulesFile, modules);
        // do_lower_case false here: the tokenizer itself lower-cases (sentence-transformers' own convention).
        Json("sentence_bert_config.json", new JsonObject { ["max_seq_length"] = s.MaxSeqLength, ["do_lower_case"] = false });
        var pooling = new JsonObject { ["word_embedding_dimension"] = c.HiddenSize, ["pooling_mode_mean_tokens"] = true };
        foreach (var mode in OtherPoolingModes) pooling[mode] = false;
        pooling["include_prompt"] = true;
        Json("1_Pooling/config.json", pooling);
        if (s.Normalize) Directory.CreateDirectory(Path.Combine(dir, "2_Normalize"));
        Json("config_sentence_transformers.json", new JsonObject
        {
            ["prompts"] = new JsonObject(),
            ["default_prompt_name"] = null,
            ["similarity_fn_name"] = "cosine",
        });
        // facetcl's own settings (base model, training steps) travel along; sentence-transformers ignores the file.
        File.WriteAllText(Path.Combine(dir, "facetcl.json"), JsonSerializer.Serialize(s, Indented) + "\n");
        File.WriteAllText(Path.Combine(dir, "README.md"), ModelCard.Render(model, name));
    }

    static JsonObject Module(int idx, string path, string type) =>
        new() { ["idx"] = idx, ["name"] = idx.ToString(System.Globalization.CultureInfo.InvariantCulture), ["path"] = path, ["type"] = type };

    /// <summary>
    /// Reads a sentence-transformers folder made of a BERT Transformer, mean Pooling and an optional
    /// Normalize (what facetcl writes, and e.g. all-MiniLM-L6-v2); anything else is refused with the reason.
    /// </summary>
    public static SentenceModel Read(string dir)
    {
        var modulesPath = Path.Combine(dir, ModulesFile);
        var modules = ParseJson(modulesPath).AsArray()
            .Select(m => (Idx: m?["idx"]?.GetValue<int>() ?? 0, Path: m?["path"]?.GetValue<string>() ?? "", Type: m?["type"]?.GetValue<string>() ?? ""))
            .OrderBy(m => m.Idx).ToList();
        var types = modules.Select(m => m.Type).ToList();
        string[] expected = types.Count == 3 ? [TransformerType, PoolingType, NormalizeType] : [TransformerType, PoolingType];
        if (!types.SequenceEqual(expected))
            throw new InvalidDataException(
                $"{modulesPath}: modules [{string.Join(", ", types)}] are not supported; facetcl reads Transformer → Pooling (mean) → optional Normalize");

        var transformerDir = Path.Combine(dir, modules[0].Path);
        var poolingPath = Path.Combine(dir, modules[1].Path, "config.json");
        var pooling = ParseJson(poolingPath);
        if (pooling["pooling_mode_mean_tokens"]?.GetValue<bool>() != true || OtherPoolingModes.Any(m => pooling[m]?.GetValue<bool>() == true))
            throw new InvalidDataException($"{poolingPath}: only mean pooling (pooling_mode_mean_tokens alone) is supported");

        var tokenizerPath = Path.Combine(transformerDir, "tokenizer_config.json");
        if (File.Exists(tokenizerPath) && ParseJson(tokenizerPath)["do_lower_case"]?.GetValue<bool>() == false)
            throw new InvalidDataException($"{tokenizerPath}: cased tokenizers are not supported; facetcl's WordPiece tokenizer is uncased");

        var configPath = Path.Combine(transformerDir, "config.json");
        var weights = Path.Combine(transformerDir, "model.safetensors");
        var vocab = Path.Combine(transformerDir, "vocab.txt");
        foreach (var required in new[] { configPath, weights, vocab })
            if (!File.Exists(required))
                throw new FileNotFoundException($"sentence-transformers folder {dir}: missing {Path.GetRelativePath(dir, required)}" +
                    (required == weights ? " (only safetensors weights are read; re-save with safe_serialization=True)" : ""), required);
        var config = BertConfig.FromJson(File.ReadAllText(configPath), configPath);
        var hidden = pooling["word_embedding_dimension"]?.GetValue<int>();
        if (hidden is not null && hidden != config.HiddenSize)
            throw new InvalidDataException($"{poolingPath}: word_embedding_dimension {hidden} differs from hidden_size {config.HiddenSize}");

        var settingsPath = Path.Combine(dir, "facetcl.json");
        var settings = File.Exists(settingsPath)
            ? JsonSerializer.Deserialize<ModelSettings>(File.ReadAllText(settingsPath)) ?? new ModelSettings()
            : new ModelSettings { BaseModel = FolderName(dir) };
        var stConfigPath = Path.Combine(transformerDir, "sentence_bert_config.json");
        var maxSeq = File.Exists(stConfigPath) ? ParseJson(stConfigPath)["max_seq_length"]?.GetValue<int>() : null;
        // The folder's own files decide pooling, normalisation and length; facetcl.json only adds history.
        settings = settings with
        {
            Pooling = "mean",
            Normalize = types.Count == 3,
            MaxSeqLength = maxSeq ?? Math.Min(settings.MaxSeqLength, config.MaxPositionEmbeddings),
        };

        var encoder = new BertEncoder(config);
        try
        {
            SentenceModel.LoadWeights(encoder, Safetensors.LoadStateDict(weights), weights);
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
        return new SentenceModel(encoder, new WordPieceTokenizer(vocab), settings);
    }

    static JsonNode ParseJson(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"missing {path}", path);
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path}: empty JSON");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: invalid JSON: {e.Message}", e);
        }
    }
}
