using FacetCL.Data;
using FacetCL.Model;

namespace FacetCL.Diagnostics;

/// <summary>Evaluations of a <see cref="SentenceModel"/> on labelled pairs.</summary>
public static class Evaluation
{
    /// <summary>STS: Spearman/Pearson ×100 of cosine similarity against gold scores.</summary>
    /// <param name="roles">token roles for the model's role signal, or null to encode without roles</param>
    public static SimilarityScore Sts(SentenceModel model, IReadOnlyList<ScoredPair> pairs, int? maxLength = null, int batchSize = 64, TokenRoleSource? roles = null)
    {
        var texts = pairs.Select(p => p.Sentence1).Concat(pairs.Select(p => p.Sentence2)).ToList();
        var emb = model.Encode(texts, batchSize, maxLength, tokenRoles: roles?.Invoke(texts, maxLength ?? model.Settings.MaxSeqLength));
        return SimilarityEvaluation.Score(emb.Take(pairs.Count).ToList(), emb.Skip(pairs.Count).ToList(), pairs.Select(p => p.Score).ToList());
    }

    /// <summary>
    /// Triplet accuracy ×100 (sentence-transformers' TripletEvaluator): the share of triplets whose
    /// anchor is closer (cosine) to the positive than to the negative.
    /// </summary>
    public static double TripletAccuracy(SentenceModel model, IReadOnlyList<Triplet> triplets, int? maxLength = null, int batchSize = 64)
    {
        if (triplets.Count == 0) throw new ArgumentException("no triplets to evaluate");
        var texts = triplets.Select(t => t.Anchor).Concat(triplets.Select(t => t.Positive)).Concat(triplets.Select(t => t.Negative)).ToList();
        var emb = model.Encode(texts, batchSize, maxLength);
        var n = triplets.Count;
        var correct = 0;
        for (var i = 0; i < n; i++)
            if (SimilarityEvaluation.Cosine(emb[i], emb[n + i]) > SimilarityEvaluation.Cosine(emb[i], emb[2 * n + i])) correct++;
        return 100.0 * correct / n;
    }
}
