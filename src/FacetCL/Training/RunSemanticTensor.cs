using System.Text.Json.Nodes;
using FacetCL.Anchors;
using FacetCL.Data;
using FacetCL.Factors;
using FacetCL.Model;

namespace FacetCL.Training;

/// <summary>
/// The semantic-tensor stage's data inside a run: every training text's factor labels (weak labels
/// from its annotation) and token roles; gold-labelled factor texts (sentiment, subjectivity) mixed
/// into the batches; held-out texts for the factor metrics of the adaptive weights. Annotation is
/// the anchoring stage's (cached by text), so texts the anchors already parsed cost nothing here.
/// </summary>
public static class RunSemanticTensor
{
    public sealed record Result(SemanticTensorInputs Inputs, JsonObject Stats);

    public static Result Prepare(TrainConfig config, RunData data, WordPieceTokenizer tokenizer, Action<string> log)
    {
        var st = config.SemanticTensor;
        var maxLength = config.Model.TrainMaxLength;
        var pipeline = new AnchoringPipeline();
        var labeler = new FactorLabeler(data.DataRoot);

        var tripletTexts = data.Train.SelectMany(t => new[] { t.Anchor, t.Positive, t.Negative }).Distinct(StringComparer.Ordinal).ToList();
        log($"semantic tensor: factor labels and token roles of {tripletTexts.Count} training texts (annotations cached by text)");
        var facts = Facts(pipeline, labeler, tokenizer, maxLength, tripletTexts.Select(t => (t, (FactorKind?)null, -1)).ToList())
            .ToDictionary(f => f.Text, StringComparer.Ordinal);

        // Gold factor texts: never a sentence of the run's evaluation sets.
        var evalKeys = data.StsbDev.Concat(data.StsbTest).Concat(data.ExtraEval.Values.SelectMany(v => v)).SelectMany(p => new[] { p.Sentence1, p.Sentence2 })
            .Concat(data.NliDev.SelectMany(t => new[] { t.Anchor, t.Positive, t.Negative }))
            .Select(TextKey.Normalize).ToHashSet(StringComparer.Ordinal);
        var gold = LabelledFactorData.Load(data.DataRoot);
        var goldTrain = gold.Train.Where(r => !evalKeys.Contains(TextKey.Normalize(r.Text))).ToList();
        var goldValidation = gold.Validation.Where(r => !evalKeys.Contains(TextKey.Normalize(r.Text))).ToList();
        // The same number of texts from every factor with gold data, so the larger data set (SST-2) does not crowd out the other.
        var poolSize = st.LabelledPerStep > 0 ? Math.Min(st.LabelledPool, st.LabelledPerStep * config.Training.Steps) : 0;
        var goldFactors = goldTrain.Select(r => r.Factor).Distinct().Order().ToList();
        var pool = goldFactors.SelectMany(f => Sample(goldTrain.Where(r => r.Factor == f).ToList(), poolSize / Math.Max(1, goldFactors.Count), config.Training.Seed + (int)f)).ToList();
        pool = Sample(pool, pool.Count, config.Training.Seed); // mixed, so each step sees both
        log($"semantic tensor: {pool.Count} gold-labelled factor texts for training (of {goldTrain.Count}), annotating");
        var labelled = Facts(pipeline, labeler, tokenizer, maxLength, pool.Select(r => (r.Text, (FactorKind?)r.Factor, r.Bin)).ToList());

        // Held out: gold validation texts plus NLI dev texts (weak labels), for the factor metrics.
        var validationGold = goldFactors.SelectMany(f => Sample(goldValidation.Where(r => r.Factor == f).ToList(), st.ValidationTexts / Math.Max(1, goldFactors.Count), config.Training.Seed + 1)).ToList();
        var nliDev = data.NliDev.SelectMany(t => new[] { t.Anchor, t.Positive }).Distinct(StringComparer.Ordinal).ToList();
        var validationNli = Sample(nliDev, st.ValidationTexts, config.Training.Seed + 2);
        var validation = Facts(pipeline, labeler, tokenizer, maxLength,
            validationGold.Select(r => (r.Text, (FactorKind?)r.Factor, r.Bin)).Concat(validationNli.Select(t => (t, (FactorKind?)null, -1))).ToList());

        var stats = new JsonObject
        {
            ["training_texts"] = facts.Count,
            ["training_bins"] = BinCounts(facts.Values),
            ["gold_texts_available"] = goldTrain.Count,
            ["gold_texts_in_pool"] = labelled.Count,
            ["gold_pool_by_factor"] = new JsonObject(pool.GroupBy(r => r.Factor).OrderBy(g => g.Key).Select(g => KeyValuePair.Create(g.Key.Name(), (JsonNode?)g.Count()))),
            ["gold_dropped_as_eval_overlap"] = gold.Train.Count - goldTrain.Count + gold.Validation.Count - goldValidation.Count,
            ["validation_texts"] = validation.Count,
            ["labelled_per_step"] = st.LabelledPerStep,
            ["sources"] = gold.Description,
        };
        return new Result(new SemanticTensorInputs(facts, labelled, validation), stats);
    }

    /// <summary>Weak labels from the annotation, with the gold label (when given) overriding its factor.</summary>
    static List<FactorText> Facts(AnchoringPipeline pipeline, FactorLabeler labeler, WordPieceTokenizer tokenizer, int maxLength,
        IReadOnlyList<(string Text, FactorKind? GoldFactor, int GoldBin)> rows)
    {
        var annotations = pipeline.Annotate(rows.Select(r => r.Text).ToList()).Annotations;
        return rows.Select((r, i) =>
        {
            var bins = labeler.Label(annotations[i]).Bins.ToArray();
            if (r.GoldFactor is { } f) bins[(int)f] = r.GoldBin;
            return new FactorText(r.Text, bins, RoleAlignment.TokenRoles(annotations[i], tokenizer, maxLength));
        }).ToList();
    }

    static List<T> Sample<T>(IReadOnlyList<T> items, int count, int seed)
    {
        var order = items.ToArray();
        new Random(seed).Shuffle(order);
        return order.Take(Math.Max(0, count)).ToList();
    }

    static JsonObject BinCounts(IEnumerable<FactorText> texts)
    {
        var list = texts.ToList();
        return new JsonObject(FactorKinds.All.Select(k => KeyValuePair.Create(k.Name(), (JsonNode?)new JsonObject(
            list.GroupBy(t => t.Bins[(int)k]).OrderBy(g => g.Key).Select(g => KeyValuePair.Create(g.Key < 0 ? "unknown" : g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), (JsonNode?)g.Count()))))));
    }
}
