using FacetCL.Data;

namespace FacetCL.Factors;

/// <summary>A text with a gold label for one factor.</summary>
public sealed record LabelledFactorText(string Text, FactorKind Factor, int Bin);

/// <summary>Gold factor texts split into training and validation rows, with a description of the sources.</summary>
public sealed record LabelledFactorSets(IReadOnlyList<LabelledFactorText> Train, IReadOnlyList<LabelledFactorText> Validation, string Description);

/// <summary>
/// The gold-labelled factor data in the data folder:
/// <list type="bullet">
/// <item>sentiment: SST-2 (<c>sentiment/sst2_senteval</c>): every train row, phrases of one word to whole
/// sentences, for training; the dev split for validation; label 0 → bin 0 (negative), 1 → bin 2 (positive).
/// Training rows whose normalised form is also a text of the out-of-domain probe sets (CR, MPQA; about 930
/// short MPQA phrases such as "failing") are dropped, so those sets stay whole and unseen.</item>
/// <item>factuality: the subjectivity data (<c>subjectivity/senteval</c>): subjective review snippets → bin 0 (opinion),
/// objective plot summaries → bin 1 (factual); a text is validation when the hash of its normalised form
/// (<see cref="TextKey"/>) falls in one of ten buckets, so the split is stable and disjoint.</item>
/// </list>
/// SST-2 test and the MR polarity files are not used (SST-2 test overlaps MR). No gold data exists for
/// syntax, role density or temporal explicitness: their labels are the weak ones of <see cref="FactorLabeler"/>.
/// </summary>
public static class LabelledFactorData
{
    public static LabelledFactorSets Load(string dataRoot)
    {
        var sstDir = Path.Combine(dataRoot, "sentiment", "sst2_senteval");
        var outOfDomain = OutOfDomainSentiment(dataRoot).Values.SelectMany(rows => rows).Select(r => TextKey.Normalize(r.Text)).ToHashSet(StringComparer.Ordinal);
        var train = ReadSst(Path.Combine(sstDir, "sentiment-train")).ToList();
        var sstRows = train.Count;
        train.RemoveAll(r => outOfDomain.Contains(TextKey.Normalize(r.Text)));
        var droppedAsOutOfDomain = sstRows - train.Count;
        var validation = ReadSst(Path.Combine(sstDir, "sentiment-dev")).ToList();
        foreach (var r in Subjectivity(dataRoot))
            (IsValidation(r.Text) ? validation : train).Add(r);
        // Disjoint after normalisation, across factors too: the subjective snippets and SST-2 both come from Rotten Tomatoes.
        var validationKeys = validation.Select(r => TextKey.Normalize(r.Text)).ToHashSet(StringComparer.Ordinal);
        train.RemoveAll(r => validationKeys.Contains(TextKey.Normalize(r.Text)));
        return new LabelledFactorSets(train, validation,
            $"sentiment: SST-2 train (all rows, {droppedAsOutOfDomain} dropped as texts of CR/MPQA) / SST-2 dev; factuality: subjectivity data (SentEval copy), stable 90/10 split by text hash");
    }

    /// <summary>SST-2 rows: "sentence \t label" (0 negative, 1 positive).</summary>
    public static IEnumerable<LabelledFactorText> ReadSst(string path)
    {
        var lines = TextFile.ReadLines(path, "utf-8");
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Length == 0) continue;
            var tab = lines[i].LastIndexOf('\t');
            if (tab < 0) throw new DataException("expected 'sentence<TAB>label'", path, i + 1, "label");
            var text = lines[i][..tab].Trim();
            var label = lines[i][(tab + 1)..].Trim();
            if (text.Length == 0) throw new DataException("empty sentence", path, i + 1, "sentence");
            if (label is not ("0" or "1")) throw new DataException($"label '{label}' is not 0 or 1", path, i + 1, "label");
            yield return new LabelledFactorText(text, FactorKind.Sentiment, label == "1" ? 2 : 0);
        }
    }

    /// <summary>The out-of-domain sentiment sets, never trained on: CR (customer reviews) and MPQA (opinion phrases).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<LabelledFactorText>> OutOfDomainSentiment(string dataRoot) =>
        new Dictionary<string, IReadOnlyList<LabelledFactorText>>
        {
            ["cr"] = ReadSentEvalBinary(Path.Combine(dataRoot, "sentiment", "cr_senteval"), "custrev").ToList(),
            ["mpqa"] = ReadSentEvalBinary(Path.Combine(dataRoot, "sentiment", "mpqa_senteval"), "mpqa").ToList(),
        };

    /// <summary>SentEval's binary files <c>name.pos</c> / <c>name.neg</c>: one text per line; positive → bin 2.</summary>
    public static IEnumerable<LabelledFactorText> ReadSentEvalBinary(string dir, string name)
    {
        foreach (var (suffix, bin) in new[] { ("pos", 2), ("neg", 0) })
        {
            var path = Path.Combine(dir, $"{name}.{suffix}");
            var lines = TextFile.ReadLines(path, "utf-8");
            for (var i = 0; i < lines.Count; i++)
                if (lines[i].Trim().Length > 0) yield return new LabelledFactorText(lines[i].Trim(), FactorKind.Sentiment, bin);
        }
    }

    /// <summary>The subjectivity data: subjective → bin 0, objective → bin 1.</summary>
    public static IEnumerable<LabelledFactorText> Subjectivity(string dataRoot)
    {
        var dir = Path.Combine(dataRoot, "subjectivity", "senteval");
        foreach (var (file, bin) in new[] { ("subj.subjective", 0), ("subj.objective", 1) })
        {
            var path = Path.Combine(dir, file);
            var lines = TextFile.ReadLines(path, "utf-8");
            for (var i = 0; i < lines.Count; i++)
            {
                var text = lines[i].Trim();
                if (text.Length == 0) throw new DataException("empty sentence", path, i + 1, "sentence");
                yield return new LabelledFactorText(text, FactorKind.Factuality, bin);
            }
        }
    }

    /// <summary>One text in ten (by a stable hash of its normalised form) is validation.</summary>
    public static bool IsValidation(string text)
    {
        var key = TextKey.Normalize(text);
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key));
        return hash[0] % 10 == 0;
    }
}
