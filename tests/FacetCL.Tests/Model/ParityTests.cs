using FacetCL.Data;
using FacetCL.Diagnostics;
using FacetCL.Model;
using TorchSharp;
using Xunit.Abstractions;

namespace FacetCL.Tests.Model;

/// <summary>The TorchSharp port of the encoder against ONNX Runtime running the packaged all-MiniLM-L6-v2 file.</summary>
public class ParityTests(ITestOutputHelper output)
{
    static IReadOnlyList<ScoredPair> StsbTest() => StsbReader.Read(Path.Combine(DataRoot.Resolve(null), "stsb", "sts-test.csv"));

    [Fact]
    public void HiddenStatesMatchOnnxRuntimeWithin1e4()
    {
        var texts = StsbTest().Take(24).SelectMany(p => new[] { p.Sentence1, p.Sentence2 }).ToList();
        texts.Add(string.Join(' ', Enumerable.Repeat("a long sentence that needs truncation", 60)));
        using var model = SentenceModel.LoadBase();
        model.Encoder.eval();
        using var ort = new OnnxRuntimeEncoder(PretrainedMiniLm.OnnxPath, model.Tokenizer);
        var encoded = texts.Select(t => model.Tokenizer.Encode(t, 256)).ToList();
        var (reference, shape) = ort.LastHidden(encoded);
        using var batch = model.Tokenizer.Pad(encoded);
        using var noGrad = torch.no_grad();
        using var hidden = model.Encoder.forward(batch.InputIds, batch.AttentionMask, null);
        var ours = hidden.data<float>().ToArray();
        var mask = batch.AttentionMask.data<long>().ToArray();
        Assert.Equal(reference.Length, ours.Length);
        double max = 0;
        for (var i = 0; i < ours.Length; i++)
            if (mask[i / shape[2]] == 1) max = Math.Max(max, Math.Abs(ours[i] - reference[i]));
        output.WriteLine($"max |torch - onnxruntime| over real tokens of {texts.Count} sentences: {max:E3}");
        Assert.True(max <= 1e-4, $"max abs difference {max:E3} > 1e-4");
    }

    [Fact]
    public void StsbTestSpearmanMatchesOnnxRuntimeWithinOneHundredth()
    {
        var pairs = StsbTest();
        using var model = SentenceModel.LoadBase();
        var torchScore = Evaluation.Sts(model, pairs);
        using var ort = new OnnxRuntimeEncoder(PretrainedMiniLm.OnnxPath, model.Tokenizer);
        var texts = pairs.Select(p => p.Sentence1).Concat(pairs.Select(p => p.Sentence2)).ToList();
        var emb = ort.Encode(texts);
        var ortScore = SimilarityEvaluation.Score(emb.Take(pairs.Count).ToList(), emb.Skip(pairs.Count).ToList(), pairs.Select(p => p.Score).ToList());
        output.WriteLine($"STS-B test Spearman: torch {torchScore.Spearman:F4}, onnxruntime {ortScore.Spearman:F4}");
        Assert.Equal(1379, torchScore.N);
        Assert.True(Math.Abs(torchScore.Spearman - ortScore.Spearman) <= 0.01, $"{torchScore.Spearman} vs {ortScore.Spearman}");
        // The published figure for all-MiniLM-L6-v2 is 82.03.
        Assert.InRange(torchScore.Spearman, 81.9, 82.2);
    }
}
