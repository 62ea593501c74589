using FacetCL.Diagnostics;
using FacetCL.Losses;
using TorchSharp;
using FacetCL.Model;

namespace FacetCL.Training;

/// <summary>
/// The held-out quality metric of each loss term (the mapping of <see cref="LossTerms"/>), measured at every
/// evaluation on the run's held-out factor texts; <see cref="AdaptiveLossWeights"/> raises the weight of the
/// term whose metric degrades fastest. STS-B dev Spearman (the main term's metric) comes from the trainer's
/// evaluation; this adds the four factor metrics:
/// <list type="bullet">
/// <item><c>factor_probe_accuracy</c>: mean over factors of a logistic-regression probe's accuracy on the fused factor vector, fitted on the even-numbered labelled held-out texts and scored on the odd ones (higher is better)</item>
/// <item><c>cross_layer_consistency</c>: mean cosine between a factor's vectors of adjacent head layers (<see cref="CrossLayerConsistencyLoss.AdjacentCosine"/>; higher)</item>
/// <item><c>factor_orthogonality_index</c>: the diagnostics' index, mean |cos| between different factors' vectors of a text (lower)</item>
/// <item><c>factor_sparsity</c>: mean <see cref="FactorSparsityLoss"/> s(v) of the fused vectors (lower)</item>
/// </list>
/// </summary>
public static class SemanticTensorValidation
{
    /// <summary>The factor metrics of <paramref name="texts"/> (encoded with their roles); STS-B is the caller's.</summary>
    public static Dictionary<string, double> Measure(SentenceModel model, IReadOnlyList<FactorText> texts, int maxLength)
    {
        if (model.Factors is null) throw new ArgumentException("the model has no factor heads");
        if (texts.Count < 4) throw new ArgumentException("at least four held-out texts are needed");
        var roles = texts.Select(t => t.Roles ?? new int[model.Tokenizer.Encode(t.Text, maxLength).Length]).ToList();
        var e = model.EncodeTensor(texts.Select(t => t.Text).ToList(), maxLength: maxLength, tokenRoles: roles, perLayer: true);
        var fused = e.Factors!;
        var perLayer = e.PerLayer!;

        var accuracies = new List<double>();
        for (var k = 0; k < fused.Length; k++)
        {
            var labelled = Enumerable.Range(0, texts.Count).Where(i => texts[i].Bins[k] >= 0).ToList();
            var train = labelled.Where((_, j) => j % 2 == 0).ToList();
            var test = labelled.Where((_, j) => j % 2 == 1).ToList();
            if (train.Select(i => texts[i].Bins[k]).Distinct().Count() < 2 || test.Count == 0) continue;
            var probe = LinearProbe.Fit(EmbeddingMatrix.FromRows(train.Select(i => fused[k][i]).ToList()), train.Select(i => texts[i].Bins[k]).ToList());
            accuracies.Add(probe.Accuracy(EmbeddingMatrix.FromRows(test.Select(i => fused[k][i]).ToList()), test.Select(i => texts[i].Bins[k]).ToList()));
        }

        using var scope = torch.NewDisposeScope();
        var perLayerTensor = torch.tensor(perLayer.SelectMany(f => f.SelectMany(l => l.SelectMany(v => v))).ToArray(),
            [perLayer.Length, perLayer[0].Length, texts.Count, fused[0][0].Length]);
        var fusedTensor = torch.tensor(fused.SelectMany(f => f.SelectMany(v => v)).ToArray(), [fused.Length, texts.Count, fused[0][0].Length]);
        using var sparsity = new FactorSparsityLoss();
        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [LossTerms.FactorProbeAccuracy] = accuracies.Count > 0 ? accuracies.Average() : double.NaN,
            [LossTerms.CrossLayerConsistency] = perLayer[0].Length > 1 ? CrossLayerConsistencyLoss.AdjacentCosine(perLayerTensor).mean().item<float>() : double.NaN,
            [LossTerms.FactorOrthogonalityIndex] = FactorOrthogonality.Index(fused.Select(f => EmbeddingMatrix.FromRows(f)).ToList()),
            [LossTerms.FactorSparsity] = sparsity.forward(fusedTensor).item<float>(),
        };
    }
}
