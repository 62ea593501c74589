namespace FacetCL.Anchors;

public enum GroupKind
{
    /// <summary>All sentences state one proposition: they must share a fingerprint.</summary>
    Same,
    /// <summary>A minimal pair of two sentences that state different propositions: their fingerprints must differ.</summary>
    Different,
}

/// <summary>A hand-written test group of sentences (see <see cref="FingerprintGroupFile"/>).</summary>
public sealed record FingerprintGroup(string Id, GroupKind Kind, string Category, IReadOnlyList<string> Sentences);

/// <summary>
/// Reads the fingerprint test set: UTF-8 TSV, one sentence per line,
/// <c>group_id&lt;TAB&gt;kind(same|different)&lt;TAB&gt;category&lt;TAB&gt;sentence</c>; blank lines and lines starting
/// with <c>#</c> are skipped. A group's lines share kind and category; a <c>same</c> group has at least two
/// sentences, a <c>different</c> group exactly two. Errors name the file and line.
/// </summary>
public static class FingerprintGroupFile
{
    public static IReadOnlyList<FingerprintGroup> Load(string path)
    {
        var order = new List<string>();
        var groups = new Dictionary<string, (GroupKind Kind, string Category, List<string> Sentences)>(StringComparer.Ordinal);
        int lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (line.Trim().Length == 0 || line.StartsWith('#'))
                continue;
            var f = line.Split('\t');
            if (f.Length != 4 || f.Any(x => x.Trim().Length == 0))
                throw Error(path, lineNo, "expected 4 non-empty tab-separated fields: group_id, kind, category, sentence");
            var kind = f[1].Trim() switch
            {
                "same" => GroupKind.Same,
                "different" => GroupKind.Different,
                var k => throw Error(path, lineNo, $"kind '{k}' is neither 'same' nor 'different'"),
            };
            var id = f[0].Trim();
            var category = f[2].Trim();
            if (groups.TryGetValue(id, out var g))
            {
                if (g.Kind != kind || g.Category != category)
                    throw Error(path, lineNo, $"group '{id}' changes its kind or category");
                g.Sentences.Add(f[3].Trim());
            }
            else
            {
                order.Add(id);
                groups[id] = (kind, category, [f[3].Trim()]);
            }
        }
        var result = new List<FingerprintGroup>();
        foreach (var id in order)
        {
            var (kind, category, sentences) = groups[id];
            if (kind == GroupKind.Same && sentences.Count < 2)
                throw new InvalidDataException($"{path}: 'same' group '{id}' has {sentences.Count} sentence(s); it needs at least 2");
            if (kind == GroupKind.Different && sentences.Count != 2)
                throw new InvalidDataException($"{path}: 'different' group '{id}' has {sentences.Count} sentence(s); it needs exactly 2");
            result.Add(new FingerprintGroup(id, kind, category, sentences));
        }
        return result;
    }

    private static InvalidDataException Error(string path, int line, string message) => new($"{path}:{line}: {message}");
}
