using FacetCL.Export;
using FacetCL.Model;
using Onnx;
using Xunit.Abstractions;
using static FacetCL.Tests.Export.ExportFixtures;
using static TorchSharp.torch;

namespace FacetCL.Tests.Export;

public sealed class OnnxExporterTests(ITestOutputHelper output)
{
    /// <summary>Max |a − b| of last hidden states over real (unmasked) tokens only: padded positions are undefined.</summary>
    static float MaxAbsDiffAtRealTokens((float[] Values, int[] Shape) a, (float[] Values, int[] Shape) b, IReadOnlyList<int[]> encoded)
    {
        Assert.Equal(a.Shape, b.Shape);
        var (seq, hidden) = (a.Shape[1], a.Shape[2]);
        var max = 0f;
        for (var r = 0; r < encoded.Count; r++)
            for (var t = 0; t < encoded[r].Length; t++)
                for (var c = 0; c < hidden; c++)
                {
                    var i = (r * seq + t) * hidden + c;
                    max = Math.Max(max, Math.Abs(a.Values[i] - b.Values[i]));
                }
        return max;
    }

    [Fact]
    public void Base_model_export_matches_packaged_onnx_and_torchsharp()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "model.onnx");
        using var model = SentenceModel.LoadBase();
        OnnxExporter.Export(model, path);

        using var exported = new OnnxRuntimeEncoder(path, model.Tokenizer);
        using var reference = new OnnxRuntimeEncoder(PretrainedMiniLm.OnnxPath, model.Tokenizer);
        var encoded = Sentences.Select(s => model.Tokenizer.Encode(s, model.Settings.MaxSeqLength)).ToArray();
        Assert.Contains(encoded, e => e.Length == model.Settings.MaxSeqLength); // the long one is truncated
        var hiddenDiff = MaxAbsDiffAtRealTokens(exported.LastHidden(encoded), reference.LastHidden(encoded), encoded);

        var ours = exported.Encode(Sentences, maxLength: model.Settings.MaxSeqLength);
        var vsPackaged = MaxAbsDiff(ours, reference.Encode(Sentences, maxLength: model.Settings.MaxSeqLength));
        var vsTorch = MaxAbsDiff(ours, model.Encode(Sentences));
        output.WriteLine($"base: last_hidden_state vs packaged ONNX {hiddenDiff:E2}; sentence_embedding vs packaged {vsPackaged:E2}, vs TorchSharp {vsTorch:E2}");

        Assert.True(hiddenDiff <= 1e-4f, $"last_hidden_state differs by {hiddenDiff}");
        Assert.True(vsPackaged <= 1e-5f, $"sentence embeddings differ from the packaged ONNX by {vsPackaged}");
        Assert.True(vsTorch <= 1e-5f, $"sentence embeddings differ from TorchSharp by {vsTorch}");
    }

    [Fact]
    public void Tiny_random_encoder_export_matches_torchsharp()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "tiny.onnx");
        var config = BertConfig.MiniLmL6 with
        {
            NumHiddenLayers = 2,
            HiddenSize = 32,
            NumAttentionHeads = 4,
            IntermediateSize = 64,
            VocabSize = 30522,
            MaxPositionEmbeddings = 64,
            LayerNormEps = 1e-5,
        };
        using var model = new SentenceModel(new BertEncoder(config), new WordPieceTokenizer(PretrainedMiniLm.VocabPath),
            new ModelSettings { MaxSeqLength = 64 });
        Randomise(model.Encoder);
        OnnxExporter.Export(model, path);

        using var exported = new OnnxRuntimeEncoder(path, model.Tokenizer);
        var encoded = Sentences.Select(s => model.Tokenizer.Encode(s, 64)).ToArray();
        var onnxHidden = exported.LastHidden(encoded);
        using var batch = model.Tokenizer.Pad(encoded);
        model.Encoder.eval();
        float[] torchHidden;
        using (no_grad())
        using (var h = model.Encoder.forward(batch.InputIds, batch.AttentionMask, null))
            torchHidden = h.data<float>().ToArray();
        var hiddenDiff = MaxAbsDiffAtRealTokens(onnxHidden, (torchHidden, onnxHidden.Shape), encoded);
        var embDiff = MaxAbsDiff(exported.Encode(Sentences, maxLength: 64), model.Encode(Sentences));
        output.WriteLine($"tiny: last_hidden_state vs TorchSharp {hiddenDiff:E2}; sentence_embedding {embDiff:E2}");

        Assert.Equal([Sentences.Length, encoded.Max(e => e.Length), 32], onnxHidden.Shape);
        Assert.True(hiddenDiff <= 1e-4f, $"last_hidden_state differs by {hiddenDiff}");
        Assert.True(embDiff <= 1e-5f, $"sentence embeddings differ by {embDiff}");
    }

    [Fact]
    public void Exported_file_has_metadata_io_and_weights_that_read_back()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "model.onnx");
        using var model = SentenceModel.LoadBase();
        OnnxExporter.Export(model, path);

        ModelProto proto;
        using (var stream = File.OpenRead(path)) proto = ModelProto.Parser.ParseFrom(stream);
        Assert.Equal("facetcl", proto.ProducerName);
        Assert.False(string.IsNullOrWhiteSpace(proto.DocString));
        Assert.Equal(OnnxExporter.Opset, proto.OpsetImport.Single(o => o.Domain == "").Version);
        Assert.Equal(["input_ids", "attention_mask", "token_type_ids"], proto.Graph.Input.Select(i => i.Name));
        Assert.Equal(["last_hidden_state", "sentence_embedding"], proto.Graph.Output.Select(o => o.Name));
        Assert.Equal("batch", proto.Graph.Input[0].Type.TensorType.Shape.Dim[0].DimParam);
        Assert.Equal("sequence", proto.Graph.Input[0].Type.TensorType.Shape.Dim[1].DimParam);
        Assert.Contains(proto.Graph.Node, n => n.OpType == "Erf");
        Assert.DoesNotContain(Directory.GetFiles(dir.Path), f => f.Contains(".tmp-", StringComparison.Ordinal));

        // The initializers are exactly the encoder's state dict.
        var read = OnnxWeights.ReadHfStateDict(path);
        AssertSameStateDict(model.Encoder.state_dict(), read);
        foreach (var t in read.Values) t.Dispose();
    }

    [Fact]
    public void Role_ids_are_an_optional_input_that_matches_the_role_signal()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "roles.onnx");
        using var model = FacetCL.Tests.Model.SaveLoadTests.TinyModel(seed: 7);
        model.AddSemanticTensor(new FacetCL.Factors.SemanticTensorConfig { FactorDim = 4 });
        OnnxExporter.Export(model, path);
        var texts = Sentences.Take(6).ToArray();
        // Subject, predicate, object on the first three word pieces of each text.
        var roles = texts.Select(t => model.Tokenizer.Encode(t, 64).Select((_, i) => i is >= 1 and <= 3 ? i : 0).ToArray()).ToArray();

        using var onnx = new OnnxRuntimeEncoder(path, model.Tokenizer);
        Assert.True(onnx.AcceptsRoles);
        var withRoles = onnx.Encode(texts, maxLength: 64, tokenRoles: roles);
        var withoutRoles = onnx.Encode(texts, maxLength: 64);
        var rolesDiff = MaxAbsDiff(withRoles, model.Encode(texts, tokenRoles: roles));
        var plainDiff = MaxAbsDiff(withoutRoles, model.Encode(texts));
        output.WriteLine($"role_ids fed: {rolesDiff:E2}; left out: {plainDiff:E2}; roles move the embedding by {MaxAbsDiff(withRoles, withoutRoles):E2}");
        Assert.True(rolesDiff <= 1e-5f, $"with roles the export differs by {rolesDiff}");
        Assert.True(plainDiff <= 1e-5f, $"without roles the export differs by {plainDiff}");
        Assert.True(MaxAbsDiff(withRoles, withoutRoles) > 1e-3f, "the role signal has no effect");
    }

    /// <summary>Spreads every parameter (LayerNorm gains and biases too) so a swapped or skipped weight shows.</summary>
    static void Randomise(BertEncoder encoder)
    {
        using var noGrad = no_grad();
        manual_seed(1234);
        foreach (var (name, p) in encoder.named_parameters())
        {
            if (name.EndsWith("LayerNorm.weight", StringComparison.Ordinal)) p.normal_(1.0, 0.2);
            else p.normal_(0.0, 0.2);
        }
    }
}
