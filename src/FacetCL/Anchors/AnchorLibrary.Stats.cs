namespace FacetCL.Anchors;

public sealed partial class AnchorLibrary
{
    /// <summary>Computes <see cref="AnchorStats"/> (see there for what each figure covers).</summary>
    /// <param name="examples">how many disagreements to list</param>
    /// <param name="top">how many anchors to list by support</param>
    public AnchorStats Stats(int examples = 5, int top = 10)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(examples);
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        var byStatus = Enum.GetValues<AnchorStatus>().ToDictionary(s => s, s => AnchorCount(s));
        var inUse = byStatus[AnchorStatus.Auto] + byStatus[AnchorStatus.Validated];
        var singletons = Scalar($"SELECT COUNT(*) FROM anchors a WHERE {InUse} AND a.support = 1");
        var histogram = AnchorStats.Buckets
            .Select(b => KeyValuePair.Create(b.Label, Scalar($"SELECT COUNT(*) FROM anchors a WHERE {InUse} AND a.support BETWEEN $lo AND $hi", ("$lo", b.Low), ("$hi", b.High))))
            .ToList();
        var texts = TextCount();
        var aligned = Scalar($"SELECT COUNT(*) FROM memberships m JOIN anchors a ON a.id = m.anchor_id WHERE {InUse} AND m.aligned = 1");
        const string disagreementFilter = $"FROM memberships m JOIN anchors a ON a.id = m.anchor_id WHERE {InUse} AND m.rival_id IS NOT NULL AND m.rival_score > m.score";
        var disagreements = Scalar($"SELECT COUNT(*) {disagreementFilter}");
        return new AnchorStats(
            byStatus.Values.Sum(),
            byStatus,
            inUse == 0 ? 0 : (double)singletons / inUse,
            histogram,
            texts,
            aligned,
            texts == 0 ? 0 : (double)aligned / texts,
            disagreements,
            DisagreementExamples(disagreementFilter, examples),
            TopAnchors(top));
    }

    private List<Disagreement> DisagreementExamples(string filter, int limit)
    {
        using var command = Command(
            $"SELECT m.text, m.anchor_id, m.score, m.rival_id, m.rival_score {filter} ORDER BY m.rival_score - m.score DESC, m.text LIMIT $n",
            ("$n", limit));
        using var reader = command.ExecuteReader();
        var list = new List<Disagreement>();
        while (reader.Read()) list.Add(new Disagreement(reader.GetString(0), reader.GetString(1), reader.GetDouble(2), reader.GetString(3), reader.GetDouble(4)));
        return list;
    }

    private List<TopAnchor> TopAnchors(int limit)
    {
        using var command = Command($"SELECT a.id, a.canonical_text, a.support, a.status FROM anchors a WHERE {InUse} ORDER BY a.support DESC, a.id LIMIT $n", ("$n", limit));
        using var reader = command.ExecuteReader();
        var list = new List<TopAnchor>();
        while (reader.Read())
        {
            AnchorStatusNames.TryParse(reader.GetString(3), out var status);
            list.Add(new TopAnchor(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), status));
        }
        return list;
    }
}
