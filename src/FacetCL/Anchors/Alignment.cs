namespace FacetCL.Anchors;

/// <summary>Where a text stands between its own anchor and the best other one.</summary>
/// <param name="OwnId">its own anchor (exact fingerprint), or null when it has none in use</param>
/// <param name="OwnScore">soft score against the own anchor (0 without one)</param>
/// <param name="RivalId">best-scoring other candidate anchor, or null when there is none</param>
/// <param name="RivalScore">its score (0 without one)</param>
/// <param name="Aligned">both directions agree: the own anchor is the soft best match and leads the rival by the margin</param>
public sealed record AlignmentResult(string? OwnId, double OwnScore, string? RivalId, double RivalScore, bool Aligned)
{
    /// <summary>The text's soft best match is another anchor than its own.</summary>
    public bool Disagrees => RivalId is not null && RivalScore > OwnScore;
}

/// <summary>
/// The bidirectional rule. Anchor → texts is exact fingerprint membership (kept by the library);
/// text → anchor is the best anchor by <see cref="SlotMatch"/> among candidates. Candidates come
/// from an inverted index on subject, predicate and object values (plus their neighbours when the
/// similarity offers <see cref="ISlotNeighbours"/>), so a text scores at most
/// <see cref="AlignmentOptions.MaxCandidates"/> anchors instead of the whole library. An anchor that
/// shares no indexed value (nor neighbour) with a text is therefore never its rival: the soft match
/// refines exact overlap, it does not search the whole space.
/// </summary>
public sealed class Alignment
{
    private readonly Dictionary<string, CanonicalSlots> anchors = new(StringComparer.Ordinal);
    private readonly Dictionary<(char Role, string Value), Bucket> index = [];
    private readonly ISlotSimilarity similarity;
    private readonly SlotMatch match;

    /// <param name="anchors">the anchors in use (auto and validated; never rejected ones)</param>
    public Alignment(IEnumerable<(string Id, CanonicalSlots Slots)> anchors, ISlotSimilarity similarity, AlignmentOptions? options = null)
    {
        Options = options ?? new AlignmentOptions();
        Options.Validate();
        this.similarity = similarity ?? throw new ArgumentNullException(nameof(similarity));
        match = new SlotMatch(similarity, Options);
        foreach (var (id, slots) in anchors)
        {
            this.anchors.Add(id, slots);
            AddToIndex('s', slots.Subject, id);
            AddToIndex('p', slots.Predicate, id);
            AddToIndex('o', slots.Object, id);
        }
        foreach (var bucket in index.Values) bucket.Ids.Sort(StringComparer.Ordinal);
    }

    public AlignmentOptions Options { get; }

    public int AnchorCount => anchors.Count;

    /// <summary>The soft score of <paramref name="text"/> against <paramref name="anchor"/> (see <see cref="SlotMatch.Score"/>).</summary>
    public double Score(CanonicalSlots text, CanonicalSlots anchor) => match.Score(text, anchor);

    /// <summary>
    /// Aligns one text. Ties are broken in favour of the own anchor (then by id), so an exact tie is
    /// not a disagreement, but it is not aligned either: the margin is not met.
    /// </summary>
    /// <param name="ownId">the text's fingerprint when it names an anchor in use; otherwise null</param>
    public AlignmentResult Align(CanonicalSlots slots, string? ownId)
    {
        if (ownId is not null && !anchors.ContainsKey(ownId)) ownId = null;
        var ownScore = ownId is null ? 0 : match.Score(slots, anchors[ownId]);
        string? rivalId = null;
        double rivalScore = 0;
        foreach (var id in Candidates(slots, ownId))
        {
            if (id == ownId) continue;
            var s = match.Score(slots, anchors[id]);
            if (rivalId is null || s > rivalScore || (s == rivalScore && string.CompareOrdinal(id, rivalId) < 0))
            {
                rivalId = id;
                rivalScore = s;
            }
        }
        var aligned = ownId is not null && (rivalId is null || ownScore - rivalScore >= Options.Margin - 1e-12);
        return new AlignmentResult(ownId, ownScore, rivalId, rivalScore, aligned);
    }

    /// <summary>
    /// Candidate anchors for a text: buckets of its subject, predicate and object values (and
    /// neighbours), smallest first. A small bucket is scanned; a big one (a common predicate such as
    /// "be") only votes for candidates already found, so the work per text stays bounded. Candidates
    /// are ranked by how many index keys they share and cut to <see cref="AlignmentOptions.MaxCandidates"/>;
    /// the own anchor is always kept.
    /// </summary>
    public IReadOnlyList<string> Candidates(CanonicalSlots slots, string? ownId)
    {
        var buckets = Keys(slots).Select(k => index.GetValueOrDefault(k)).OfType<Bucket>().Distinct().OrderBy(b => b.Ids.Count).ToList();
        var scanLimit = Options.MaxCandidates * 4;
        var hits = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var bucket in buckets)
        {
            if (hits.Count == 0 || hits.Count + bucket.Ids.Count <= scanLimit)
            {
                foreach (var id in bucket.Ids.Take(scanLimit)) hits[id] = hits.GetValueOrDefault(id) + 1;
            }
            else
            {
                foreach (var id in hits.Keys.ToList())
                {
                    if (bucket.Set.Contains(id)) hits[id]++;
                }
            }
        }
        var chosen = hits.OrderByDescending(h => h.Value).ThenBy(h => h.Key, StringComparer.Ordinal)
            .Select(h => h.Key).Where(id => id != ownId).Take(ownId is null ? Options.MaxCandidates : Options.MaxCandidates - 1).ToList();
        if (ownId is not null && anchors.ContainsKey(ownId)) chosen.Insert(0, ownId);
        return chosen;
    }

    private IEnumerable<(char, string)> Keys(CanonicalSlots slots)
    {
        foreach (var (role, value, wordClass) in new[] { ('s', slots.Subject, WordClass.Noun), ('p', slots.Predicate, WordClass.Verb), ('o', slots.Object, WordClass.Noun) })
        {
            if (value is null) continue;
            yield return (role, value);
            if (similarity is ISlotNeighbours neighbours)
            {
                foreach (var n in neighbours.Neighbours(value, wordClass))
                {
                    if (n != value) yield return (role, n);
                }
            }
        }
    }

    private void AddToIndex(char role, string? value, string id)
    {
        if (value is null) return;
        if (!index.TryGetValue((role, value), out var bucket)) index[(role, value)] = bucket = new Bucket();
        if (bucket.Set.Add(id)) bucket.Ids.Add(id);
    }

    /// <summary>The anchors holding one slot value: a list for scanning in a stable order, a set for voting.</summary>
    private sealed class Bucket
    {
        public List<string> Ids { get; } = [];

        public HashSet<string> Set { get; } = new(StringComparer.Ordinal);
    }
}
