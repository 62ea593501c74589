using FacetCL.Factors;
using FacetCL.Model;
using FacetCL.Tests.Data;
using FacetCL.Tests.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace FacetCL.Tests.Factors;

public class SemanticTensorModelTests
{
    static readonly string[] Texts = ["A man is playing a guitar.", "The cat sleeps on the mat.", "Stocks fell sharply on Monday.", "Why?"];

    static SentenceModel TinyTensorModel(SemanticTensorConfig? config = null, int seed = 1)
    {
        var model = SaveLoadTests.TinyModel(seed);
        model.AddSemanticTensor(config ?? new SemanticTensorConfig { FactorDim = 8, GateDim = 6 });
        return model;
    }

    /// <summary>Roles: the first word piece after [CLS] is the subject, the next the predicate, then the object.</summary>
    static int[][] SomeRoles(SentenceModel model) =>
        Texts.Select(t => model.Tokenizer.Encode(t, 64).Select((_, i) => i is >= 1 and <= 3 ? i : 0).ToArray()).ToArray();

    [Fact]
    public void ShapesFollowTheConfigAndGatesSumToOne()
    {
        using var model = TinyTensorModel(new SemanticTensorConfig { FactorDim = 8, GateDim = 6, Layers = [2] });
        var e = model.EncodeTensor(Texts, perLayer: true);
        Assert.Equal(FactorKinds.Count, e.Factors!.Length);
        Assert.All(e.Factors, f => Assert.All(f, row => Assert.Equal(8, row.Length)));
        Assert.All(e.PerLayer!, f => Assert.Single(f)); // one head layer
        Assert.All(e.Gates!, f => Assert.All(f, row => Assert.Equal(1.0, row.Sum(), 5)));
        // One layer: the fused vector is that layer's vector.
        for (var k = 0; k < FactorKinds.Count; k++)
            for (var i = 0; i < Texts.Length; i++)
                Assert.Equal(e.PerLayer![k][0][i], e.Factors[k][i]);
    }

    [Fact]
    public void FusedVectorIsTheGateWeightedSumOfLayerVectors()
    {
        using var model = TinyTensorModel();
        var e = model.EncodeTensor(Texts, perLayer: true);
        for (var k = 0; k < FactorKinds.Count; k++)
            for (var i = 0; i < Texts.Length; i++)
                for (var d = 0; d < 8; d++)
                {
                    var expected = e.Gates![k][i][0] * e.PerLayer![k][0][i][d] + e.Gates[k][i][1] * e.PerLayer[k][1][i][d];
                    Assert.Equal(expected, e.Factors![k][i][d], 5);
                }
    }

    [Fact]
    public void WithoutRolesTheMainVectorIsThePlainEncoders()
    {
        using var plain = SaveLoadTests.TinyModel(seed: 3);
        var expected = plain.Encode(Texts);
        using var withHeads = SaveLoadTests.TinyModel(seed: 3);
        withHeads.AddSemanticTensor(new SemanticTensorConfig { FactorDim = 8 });
        Assert.Equal(expected, withHeads.Encode(Texts));
        // All-"other" roles add nothing either; real roles move the vector.
        var other = Texts.Select(t => new int[withHeads.Tokenizer.Encode(t, 64).Length]).ToArray();
        Assert.Equal(expected, withHeads.Encode(Texts, tokenRoles: other));
        var moved = withHeads.Encode(Texts, tokenRoles: SomeRoles(withHeads));
        Assert.NotEqual(expected[0], moved[0]);
    }

    [Fact]
    public void SaveThenLoadGivesIdenticalFactorVectors()
    {
        using var dir = new TempDir();
        using var model = TinyTensorModel();
        // Move the gates off uniform so that the test sees them too.
        using (torch.no_grad())
            foreach (var (name, p) in model.NamedParameters().Where(p => p.Name.StartsWith("factors.gate", StringComparison.Ordinal)))
                p.copy_(torch.randn_like(p));
        var roles = SomeRoles(model);
        var before = model.EncodeTensor(Texts, tokenRoles: roles, perLayer: true);
        var path = Path.Combine(dir.Path, "model");
        model.Save(path);
        Assert.True(File.Exists(Path.Combine(path, "semantic_tensor.safetensors")));

        using var loaded = SentenceModel.Load(path);
        Assert.NotNull(loaded.Factors);
        Assert.NotNull(loaded.Roles);
        Assert.Equal(model.Roles!.Scales, loaded.Roles!.Scales);
        var after = loaded.EncodeTensor(Texts, tokenRoles: roles, perLayer: true);
        Assert.Equal(before.Main, after.Main);
        Assert.Equal(before.Factors, after.Factors);
        Assert.Equal(before.Gates, after.Gates);
        Assert.Equal(before.PerLayer, after.PerLayer);
    }

    [Fact]
    public void AMissingSemanticTensorFileIsAClearError()
    {
        using var dir = new TempDir();
        using var model = TinyTensorModel();
        var path = Path.Combine(dir.Path, "model");
        model.Save(path);
        File.Delete(Path.Combine(path, "semantic_tensor.safetensors"));
        var e = Assert.Throws<FileNotFoundException>(() => SentenceModel.Load(path));
        Assert.Contains("semantic_tensor.safetensors", e.Message);
    }

    [Fact]
    public void GradientsReachEveryHeadTheGatesAndTheRoleSignal()
    {
        using var model = TinyTensorModel();
        // Gates start uniform (zero scoring vector), so the gate projection's gradient is zero at step 0
        // by construction; give the scoring vector a value to check that the path is connected.
        using (torch.no_grad())
            foreach (var (_, p) in model.NamedParameters().Where(p => p.Name == "factors.gate_vector")) p.copy_(torch.randn_like(p));
        model.Train(true);
        var encoded = Texts.Select(t => model.Tokenizer.Encode(t, 64)).ToList();
        using var batch = model.Tokenizer.Pad(encoded, SomeRoles(model));
        var t = model.EmbedTensor(batch);
        var f = t.Factors!;
        // Every factor's fused vector and every (factor, layer) vector feed the objective.
        var loss = f.Fused.pow(2).sum() + f.PerLayer.pow(2).sum() + t.Main.sum();
        loss.backward();
        foreach (var (name, p) in model.NamedParameters().Where(p => p.Name.StartsWith("factors.", StringComparison.Ordinal) || p.Name.StartsWith("roles.", StringComparison.Ordinal)))
        {
            if (!p.requires_grad) continue;
            Assert.NotNull(p.grad);
            var g = p.grad!;
            if (name == "factors.head_weight")
            {
                // Each (factor, layer) head separately.
                for (var k = 0; k < g.shape[0]; k++)
                    for (var l = 0; l < g.shape[1]; l++)
                        Assert.True(g[k, l].abs().sum().item<float>() > 0, $"head (factor {k}, layer {l}) gets no gradient");
            }
            else Assert.True(g.abs().sum().item<float>() > 0, $"{name} gets no gradient");
        }
    }

    [Fact]
    public void RoleSignalAddsScaledRoleVectorsAndNothingForOther()
    {
        torch.manual_seed(5);
        using var signal = new RoleSignal(4, [0.5, 1.0, 2.0], learnableScales: true);
        var roles = tensor(new long[] { 0, 1, 2, 3 }, [1, 4]);
        var offset = signal.forward(roles);
        var table = signal.named_parameters().Single(p => p.name == "role_embeddings").parameter;
        using (torch.no_grad())
        {
            Assert.Equal(0f, offset[0, 0].abs().sum().item<float>());
            for (var r = 1; r <= 3; r++)
            {
                var expected = table[r - 1] * new[] { 0.5, 1.0, 2.0 }[r - 1];
                Assert.True(offset[0, r].allclose(expected), $"role {r}");
            }
        }
        Assert.Throws<ArgumentException>(() => signal.forward(tensor(new long[] { 4 }, [1, 1])));
    }

    [Fact]
    public void ALayerOutsideTheEncoderIsRefused()
    {
        using var model = SaveLoadTests.TinyModel();
        var e = Assert.Throws<ArgumentException>(() => model.AddSemanticTensor(new SemanticTensorConfig { Layers = [3] }));
        Assert.Contains("layer 3", e.Message);
    }
}
