using FacetCL.Data;

namespace FacetCL.Diagnostics;

/// <summary>
/// Turns <c>--data</c> values into <see cref="DiagnosticData"/>. A value is a named split of the data
/// folder — <c>stsb:train|dev|test</c>, <c>xnli:validation|test</c>, <c>snli:dev|test</c>,
/// <c>mnli:dev</c> — or a file: an NLI table (columns premise, hypothesis, label) adds NLI pairs,
/// anything else must be a scored pair file (<see cref="PairFileReader"/>: sentence1, sentence2,
/// score, or raw STS-B).
/// </summary>
public static class DiagnosticDataSources
{
    /// <summary>The default: STS-B test pairs and the XNLI-en validation NLI pairs (the NLI dev set).</summary>
    public static readonly IReadOnlyList<string> Default = ["stsb:test", "xnli:validation"];

    public static DiagnosticData Load(IReadOnlyList<string> specs, string? dataRoot = null)
    {
        if (specs.Count == 0) specs = Default;
        var sts = new List<ScoredPair>();
        var nli = new List<NliPair>();
        var parts = new List<string>();
        foreach (var spec in specs)
        {
            var before = (sts.Count, nli.Count);
            var colon = spec.IndexOf(':');
            var named = colon > 1 && !File.Exists(spec) ? (spec[..colon], spec[(colon + 1)..]) : (null, null);
            switch (named)
            {
                case ("stsb", var split and ("train" or "dev" or "test")):
                    sts.AddRange(StsbReader.Read(Path.Combine(DataRoot.Resolve(dataRoot), "stsb", $"sts-{split}.csv")));
                    break;
                case ("xnli", var split and ("validation" or "test")):
                    nli.AddRange(NliReader.ReadXnliTsv(Path.Combine(NliData.NliDir(DataRoot.Resolve(dataRoot)), "xnli_en", $"xnli_{split}_en.tsv")));
                    break;
                case ("snli", var split and ("dev" or "test")):
                    nli.AddRange(NliReader.ReadSnliSentEval(Path.Combine(NliData.NliDir(DataRoot.Resolve(dataRoot)), "snli_senteval"), split));
                    break;
                case ("mnli", "dev"):
                    nli.AddRange(NliReader.ReadCsv(Path.Combine(NliData.NliDir(DataRoot.Resolve(dataRoot)), "mnli_dev", "dev.csv")));
                    break;
                case ("stsb" or "xnli" or "snli" or "mnli", _):
                    throw new ArgumentException($"--data: '{spec}': use stsb:train|dev|test, xnli:validation|test, snli:dev|test or mnli:dev");
                default:
                    ReadFile(spec, sts, nli);
                    break;
            }
            var added = sts.Count - before.Item1 > 0 ? $"{sts.Count - before.Item1} scored pairs" : $"{nli.Count - before.Item2} NLI pairs";
            parts.Add($"{spec} ({added})");
        }
        return new DiagnosticData(sts, nli, string.Join(" + ", parts));
    }

    static void ReadFile(string path, List<ScoredPair> sts, List<NliPair> nli)
    {
        if (!File.Exists(path)) throw new DataException("data file not found", path);
        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext is ".tsv" or ".csv" && NliReader.LooksLikeNliFile(path))
        {
            var pairs = NliReader.ReadFile(path);
            if (pairs.Count == 0) throw new DataException("no NLI pairs in the file", path);
            nli.AddRange(pairs);
            return;
        }
        var file = PairFileReader.Read(path);
        if (file.Kind != PairFileKind.ScoredPairs)
            throw new DataException($"holds {file.Kind}; diagnose needs scored pairs (sentence1, sentence2, score) or NLI pairs (premise, hypothesis, label)", path);
        if (file.ScoredPairs.Count == 0) throw new DataException("no scored pairs in the file", path);
        sts.AddRange(file.ScoredPairs);
    }
}
