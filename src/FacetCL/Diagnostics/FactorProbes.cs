using System.Text.Json.Nodes;
using FacetCL.Data;
using FacetCL.Factors;
using FacetCL.Model;

namespace FacetCL.Diagnostics;

/// <summary>One probe task: a training set and test sets (in domain and out of domain) of binary-labelled texts.</summary>
public sealed record ProbeTask(FactorKind Factor, IReadOnlyList<(string Text, int Label)> Train, IReadOnlyDictionary<string, IReadOnlyList<(string Text, int Label)>> Tests);

/// <summary>
/// Linear probes (<see cref="LinearProbe"/>, logistic regression, C = 1) of the sentiment and factuality
/// labels, read (a) from that factor's vector and (b) from the main vector, on texts disjoint from everything
/// the model trained on (after <see cref="TextKey"/> normalisation):
/// <list type="bullet">
/// <item>sentiment: probe fitted on SST-2 dev; tested in domain on SST-2 test, out of domain on CR (customer
/// reviews) and MPQA (opinion phrases), neither of which any facetcl training uses; seeded samples of at most
/// <c>maxTest</c> texts per test set.</item>
/// <item>factuality: the subjectivity data's validation bucket (<see cref="LabelledFactorData.IsValidation"/>,
/// never trained on), halved by a second hash into probe-train and in-domain test; no out-of-domain set exists.</item>
/// </list>
/// </summary>
public static class FactorProbes
{
    public static IReadOnlyList<ProbeTask> Load(string dataRoot, ISet<string> excludeKeys, int maxTest = 1500, int seed = 1)
    {
        List<(string, int)> Keep(IEnumerable<LabelledFactorText> rows, int binOfOne) =>
            rows.Where(r => !excludeKeys.Contains(TextKey.Normalize(r.Text))).Select(r => (r.Text, r.Bin == binOfOne ? 1 : 0)).ToList();
        List<(string, int)> Sample(List<(string, int)> rows)
        {
            var order = rows.ToArray();
            new Random(seed).Shuffle(order);
            return order.Take(maxTest).ToList();
        }
        var sst = Path.Combine(dataRoot, "sentiment", "sst2_senteval");
        var outOfDomain = LabelledFactorData.OutOfDomainSentiment(dataRoot);
        var sentiment = new ProbeTask(FactorKind.Sentiment, Keep(LabelledFactorData.ReadSst(Path.Combine(sst, "sentiment-dev")), 2),
            new Dictionary<string, IReadOnlyList<(string, int)>>
            {
                ["sst2_test (in domain)"] = Sample(Keep(LabelledFactorData.ReadSst(Path.Combine(sst, "sentiment-test")), 2)),
                ["cr (out of domain)"] = Sample(Keep(outOfDomain["cr"], 2)),
                ["mpqa (out of domain)"] = Sample(Keep(outOfDomain["mpqa"], 2)),
            });
        var subjValidation = LabelledFactorData.Subjectivity(dataRoot).Where(r => LabelledFactorData.IsValidation(r.Text)).ToList();
        bool SecondHalf(string text) => System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("probe|" + TextKey.Normalize(text)))[0] % 2 == 1;
        var factuality = new ProbeTask(FactorKind.Factuality, Keep(subjValidation.Where(r => !SecondHalf(r.Text)), 1),
            new Dictionary<string, IReadOnlyList<(string, int)>> { ["subjectivity (in domain)"] = Sample(Keep(subjValidation.Where(r => SecondHalf(r.Text)), 1)) });
        return [sentiment, factuality];
    }

    /// <summary>Probe accuracies (×100) of every task, from the factor's vector (when the model has factor heads) and from the main vector.</summary>
    public static JsonObject Run(SentenceModel model, IReadOnlyList<ProbeTask> tasks, int maxLength)
    {
        var result = new JsonObject();
        foreach (var task in tasks)
        {
            var texts = task.Train.Select(t => t.Text).Concat(task.Tests.Values.SelectMany(v => v.Select(t => t.Text))).Distinct(StringComparer.Ordinal).ToList();
            var encoded = model.EncodeTensor(texts, maxLength: maxLength, factors: model.Factors is not null);
            var row = texts.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal);
            var views = new List<(string Name, float[][] Vectors)> { ("main_vector", encoded.Main) };
            if (encoded.Factors is { } f) views.Insert(0, ($"{task.Factor.Name()}_factor", f[(int)task.Factor]));
            var taskJson = new JsonObject { ["probe_train_texts"] = task.Train.Count };
            foreach (var (name, vectors) in views)
            {
                EmbeddingMatrix M(IEnumerable<(string Text, int Label)> rows) => EmbeddingMatrix.FromRows(rows.Select(r => vectors[row[r.Text]]).ToList());
                var probe = LinearProbe.Fit(M(task.Train), task.Train.Select(t => t.Label).ToList());
                var accuracies = new JsonObject { ["dims"] = vectors[0].Length };
                foreach (var (test, rows) in task.Tests)
                    accuracies[test] = Math.Round(100 * probe.Accuracy(M(rows), rows.Select(r => r.Label).ToList()), 2);
                taskJson[name] = accuracies;
            }
            if (encoded.Factors is null) taskJson[$"{task.Factor.Name()}_factor"] = "not applicable: the model has no factor heads";
            taskJson["test_texts"] = new JsonObject(task.Tests.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value.Count)));
            result[task.Factor.Name()] = taskJson;
        }
        return result;
    }
}
