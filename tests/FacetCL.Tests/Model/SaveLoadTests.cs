using FacetCL.Model;
using FacetCL.Tests.Data;
using TorchSharp;

namespace FacetCL.Tests.Model;

public class SaveLoadTests
{
    internal static SentenceModel TinyModel(int seed = 1)
    {
        torch.manual_seed(seed);
        var config = new BertConfig { NumHiddenLayers = 2, HiddenSize = 32, NumAttentionHeads = 4, IntermediateSize = 64, MaxPositionEmbeddings = 64 };
        return new SentenceModel(new BertEncoder(config), new WordPieceTokenizer(PretrainedMiniLm.VocabPath), new ModelSettings { MaxSeqLength = 64, BaseModel = "random" });
    }

    [Fact]
    public void SaveThenLoadGivesIdenticalWeightsAndEmbeddings()
    {
        using var dir = new TempDir();
        using var model = TinyModel();
        var texts = new[] { "A man is playing a guitar.", "The cat sleeps on the mat.", "Stocks fell sharply on Monday." };
        var before = model.Encode(texts);
        var path = Path.Combine(dir.Path, "model");
        model.Save(path);
        foreach (var f in new[] { "config.json", "facetcl.json", "model.safetensors", "vocab.txt" }) Assert.True(File.Exists(Path.Combine(path, f)), f);

        using var loaded = SentenceModel.Load(path);
        Assert.Equal(model.Config, loaded.Config with { Architectures = model.Config.Architectures });
        Assert.Equal(64, loaded.Settings.MaxSeqLength);
        var original = model.Encoder.state_dict();
        foreach (var (name, value) in loaded.Encoder.state_dict())
            Assert.True(value.data<float>().ToArray().AsSpan().SequenceEqual(original[name].data<float>().ToArray()), $"weight {name} differs after reload");
        var after = loaded.Encode(texts);
        for (var i = 0; i < texts.Length; i++) Assert.Equal(before[i], after[i]);
    }

    [Fact]
    public void LoadingAFolderWithAWrongShapeNamesTheWeight()
    {
        using var dir = new TempDir();
        using var model = TinyModel();
        var path = Path.Combine(dir.Path, "model");
        model.Save(path);
        // Claim a larger hidden size than the weights have.
        var configPath = Path.Combine(path, "config.json");
        File.WriteAllText(configPath, File.ReadAllText(configPath).Replace("\"hidden_size\": 32", "\"hidden_size\": 64"));
        var e = Assert.Throws<InvalidDataException>(() => SentenceModel.Load(path));
        Assert.Contains("model.safetensors", e.Message);
        Assert.Contains("has shape", e.Message);
    }

    [Fact]
    public void MissingModelFolderIsAClearError()
    {
        var e = Assert.Throws<DirectoryNotFoundException>(() => SentenceModel.Load("/nonexistent/model"));
        Assert.Contains("/nonexistent/model", e.Message);
    }
}
