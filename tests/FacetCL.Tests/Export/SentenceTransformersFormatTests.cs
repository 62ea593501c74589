using System.Text.Json.Nodes;
using FacetCL.Export;
using FacetCL.Model;
using TorchSharp.PyBridge;
using static FacetCL.Tests.Export.ExportFixtures;

namespace FacetCL.Tests.Export;

public sealed class SentenceTransformersFormatTests
{
    static readonly string[] ExpectedFiles =
    [
        "config.json", "model.safetensors", "vocab.txt", "tokenizer_config.json", "special_tokens_map.json", "modules.json",
        "sentence_bert_config.json", "1_Pooling/config.json", "config_sentence_transformers.json", "README.md",
    ];

    [Fact]
    public void Export_then_load_gives_identical_weights_and_embeddings()
    {
        using var tmp = new TempDir();
        var dir = Path.Combine(tmp.Path, "st-model");
        using var model = SentenceModel.LoadBase();
        SentenceTransformersFormat.Write(model, dir);

        Assert.True(SentenceTransformersFormat.IsSentenceTransformersFolder(dir));
        using var loaded = SentenceModel.Load(dir);
        AssertSameStateDict(model.Encoder.state_dict(), loaded.Encoder.state_dict());
        Assert.Equal(model.Config, loaded.Config with { Architectures = model.Config.Architectures });
        Assert.Equal(model.Settings, loaded.Settings);
        var expected = model.Encode(Sentences);
        var actual = loaded.Encode(Sentences);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i]); // bit-identical
    }

    [Fact]
    public void Folder_has_every_file_with_valid_json_and_the_module_chain()
    {
        using var tmp = new TempDir();
        var dir = Path.Combine(tmp.Path, "st-model");
        using var model = SentenceModel.LoadBase();
        model.Settings = model.Settings with { MaxSeqLength = 128, TrainedSteps = 500, SelectedStep = 400 };
        SentenceTransformersFormat.Write(model, dir);

        foreach (var file in ExpectedFiles) Assert.True(File.Exists(Path.Combine(dir, file)), file);
        Assert.True(Directory.Exists(Path.Combine(dir, "2_Normalize")));
        foreach (var json in Directory.GetFiles(dir, "*.json", SearchOption.AllDirectories)) Assert.NotNull(JsonNode.Parse(File.ReadAllText(json)));

        var modules = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "modules.json")))!.AsArray();
        Assert.Equal(["", "1_Pooling", "2_Normalize"], modules.Select(m => m!["path"]!.GetValue<string>()));
        Assert.Equal(["sentence_transformers.models.Transformer", "sentence_transformers.models.Pooling", "sentence_transformers.models.Normalize"],
            modules.Select(m => m!["type"]!.GetValue<string>()));
        Assert.Equal([0, 1, 2], modules.Select(m => m!["idx"]!.GetValue<int>()));

        var pooling = Json(dir, "1_Pooling/config.json");
        Assert.True(pooling["pooling_mode_mean_tokens"]!.GetValue<bool>());
        Assert.False(pooling["pooling_mode_cls_token"]!.GetValue<bool>());
        Assert.Equal(384, pooling["word_embedding_dimension"]!.GetValue<int>());
        Assert.Equal(128, Json(dir, "sentence_bert_config.json")["max_seq_length"]!.GetValue<int>());
        var config = Json(dir, "config.json");
        Assert.Equal("bert", config["model_type"]!.GetValue<string>());
        Assert.Equal(384, config["hidden_size"]!.GetValue<int>());
        Assert.Null(config["HeadSize"]);
        Assert.Equal("BertTokenizer", Json(dir, "tokenizer_config.json")["tokenizer_class"]!.GetValue<string>());
        Assert.True(Json(dir, "tokenizer_config.json")["do_lower_case"]!.GetValue<bool>());

        // transformers checks the safetensors header's format tag; the header stays 8-byte aligned.
        var bytes = File.ReadAllBytes(Path.Combine(dir, "model.safetensors"));
        var headerLength = (int)BitConverter.ToUInt64(bytes, 0);
        Assert.Equal(0, headerLength % 8);
        var header = JsonNode.Parse(System.Text.Encoding.UTF8.GetString(bytes, 8, headerLength))!;
        Assert.Equal("pt", header["__metadata__"]!["format"]!.GetValue<string>());

        var readme = File.ReadAllText(Path.Combine(dir, "README.md"));
        Assert.StartsWith("---\n", readme);
        Assert.Contains("# st-model\n", readme);
        Assert.Contains(PretrainedMiniLm.Name, readme);
        Assert.Contains("500 steps", readme);
        Assert.Contains("Factor vectors", readme);
        Assert.Contains("SentenceTransformer(", readme);
        Assert.Contains("SentenceModel.Load(", readme);
        Assert.Empty(Directory.GetDirectories(tmp.Path, ".*")); // no temporary folder left behind

        using var loaded = SentenceModel.Load(dir);
        Assert.Equal(128, loaded.Settings.MaxSeqLength);
        Assert.Equal(400, loaded.Settings.SelectedStep);
    }

    [Fact]
    public void Reads_prefixed_weights_no_normalize_and_refuses_other_pooling()
    {
        using var tmp = new TempDir();
        var dir = Path.Combine(tmp.Path, "st-model");
        using var model = SentenceModel.LoadBase();
        SentenceTransformersFormat.Write(model, dir);

        // Weights saved from a wrapping module carry a "bert." prefix; a folder without Normalize gives raw means.
        var weights = Path.Combine(dir, "model.safetensors");
        var prefixed = model.Encoder.state_dict().ToDictionary(kv => "bert." + kv.Key, kv => kv.Value);
        Safetensors.SaveStateDict(weights, prefixed);
        var modules = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "modules.json")))!.AsArray();
        modules.RemoveAt(2);
        File.WriteAllText(Path.Combine(dir, "modules.json"), modules.ToJsonString());
        Directory.Delete(Path.Combine(dir, "2_Normalize"));
        File.Delete(Path.Combine(dir, "facetcl.json"));
        using (var loaded = SentenceModel.Load(dir))
        {
            Assert.False(loaded.Settings.Normalize);
            AssertSameStateDict(model.Encoder.state_dict(), loaded.Encoder.state_dict());
            var norm = Math.Sqrt(loaded.Encode(["A cat sat on the mat."])[0].Sum(v => (double)v * v));
            Assert.True(Math.Abs(norm - 1) > 1e-3, $"norm {norm}: expected an unnormalised mean");
        }

        var pooling = Json(dir, "1_Pooling/config.json");
        pooling["pooling_mode_mean_tokens"] = false;
        pooling["pooling_mode_cls_token"] = true;
        File.WriteAllText(Path.Combine(dir, "1_Pooling/config.json"), pooling.ToJsonString());
        var error = Assert.Throws<InvalidDataException>(() => SentenceModel.Load(dir));
        Assert.Contains("mean pooling", error.Message);
    }

    static JsonObject Json(string dir, string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(dir, file)))!.AsObject();
}
