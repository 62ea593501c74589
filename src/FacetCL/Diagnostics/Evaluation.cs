using FacetCL.Data;
using FacetCL.Model;

namespace FacetCL.Diagnostics;

/// <summary>Evaluations of a <see cref="SentenceModel"/> on labelled pairs.</summary>
public static class Evaluation
{
    /// <summary>STS: Spearman/Pearson ×100 of cosine similarity against gold scores.</summary>
    public static SimilarityScore Sts(SentenceModel model, IReadOnlyList<ScoredPair> pairs, int? maxLength = null, int batchSize = 64)
    {
        var texts = pairs.Select(p => p.Sentence1).Concat(pairs.Select(p => p.Sentence2)).ToList();
        var emb = model.Encode(texts, batchSize, maxLength);
        return SimilarityEvaluation.Score(emb.Take(pairs.Count).ToList(), emb.Skip(pairs.Count).ToList(), pairs.Select(p => p.Score).ToList());
    }
}
