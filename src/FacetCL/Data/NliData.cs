namespace FacetCL.Data;

/// <summary>
/// The NLI split used for training, following <c>shared/data/nli/README.md</c>. None of these
/// files is an official training set; the split keeps SNLI test out of training entirely so
/// it can serve as the held-out test.
/// </summary>
public static class NliData
{
    /// <summary>Path of the NLI folder under a data root.</summary>
    public static string NliDir(string dataRoot) => Path.Combine(dataRoot, "nli");

    /// <summary>
    /// MultiNLI dev (matched + mismatched), SNLI dev and XNLI-en test: 34,499 pairs; with
    /// <paramref name="includeJoci"/> also JOCI train + dev (noisy, mapped labels): 43,850.
    /// </summary>
    public static IReadOnlyList<NliPair> LoadTrainPool(string dataRoot, bool includeJoci)
    {
        var nli = NliDir(dataRoot);
        var pairs = new List<NliPair>();
        pairs.AddRange(NliReader.ReadCsv(Path.Combine(nli, "mnli_dev", "dev.csv")));
        pairs.AddRange(NliReader.ReadSnliSentEval(Path.Combine(nli, "snli_senteval"), "dev"));
        pairs.AddRange(NliReader.ReadXnliTsv(Path.Combine(nli, "xnli_en", "xnli_test_en.tsv")));
        if (includeJoci)
        {
            pairs.AddRange(NliReader.ReadCsv(Path.Combine(nli, "joci_aux", "train.csv")));
            pairs.AddRange(NliReader.ReadCsv(Path.Combine(nli, "joci_aux", "dev.csv")));
        }

        return pairs;
    }

    /// <summary>XNLI-en validation (2,490 pairs), for model selection.</summary>
    public static IReadOnlyList<NliPair> LoadDev(string dataRoot) =>
        NliReader.ReadXnliTsv(Path.Combine(NliDir(dataRoot), "xnli_en", "xnli_validation_en.tsv"));

    /// <summary>SNLI test (9,824 pairs). Never use it for training or model selection.</summary>
    public static IReadOnlyList<NliPair> LoadTest(string dataRoot) =>
        NliReader.ReadSnliSentEval(Path.Combine(NliDir(dataRoot), "snli_senteval"), "test");
}
