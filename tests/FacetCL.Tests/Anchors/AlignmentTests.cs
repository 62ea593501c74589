using FacetCL.Anchors;

namespace FacetCL.Tests.Anchors;

public class AlignmentTests
{
    private static readonly CanonicalSlots Fever = A.Slots("patient", "have", "fever", "high");

    [Fact]
    public void Identical_slots_score_one()
    {
        var match = new SlotMatch(new TableSimilarity());
        Assert.Equal(1, match.Score(Fever, Fever), 12);
    }

    [Fact]
    public void Negation_mismatch_scores_zero_and_tense_mismatch_halves()
    {
        var match = new SlotMatch(new TableSimilarity());
        Assert.Equal(0, match.Score(Fever, Fever with { Negated = true }));
        Assert.Equal(0.5, match.Score(Fever, Fever with { Tense = Tense.Past }), 12);
        Assert.Equal(1, match.Score(Fever, Fever with { Tense = Tense.None }), 12);
    }

    [Fact]
    public void Slots_are_weighted_and_soft()
    {
        // subject 0.3, predicate 0.3, object 0.25, attributes 0.15 (sum 1).
        var sim = new TableSimilarity().With("fever", "pyrexia", 0.8);
        var match = new SlotMatch(sim);
        Assert.Equal(0.3 + 0.3 + 0.25 * 0.8 + 0.15, match.Score(Fever, A.Slots("patient", "have", "pyrexia", "high")), 12);
        Assert.Equal(0.3 + 0.3 + 0.15, match.Score(Fever, A.Slots("patient", "have", null, "high")), 12);
    }

    [Fact]
    public void Soft_jaccard_is_plain_jaccard_for_exact_matches_and_counts_similar_pairs()
    {
        var match = new SlotMatch(new TableSimilarity().With("low", "mild", 0.5));
        Assert.Equal(1.0 / 3, match.SoftJaccard(["high", "long"], ["long", "new"]), 12);
        // M = 1 (persistent) + 0.5 (low~mild); 1.5 / (2 + 2 - 1.5).
        Assert.Equal(1.5 / 2.5, match.SoftJaccard(["low", "persistent"], ["mild", "persistent"]), 12);
        Assert.Equal(1, match.SoftJaccard([], []));
        Assert.Equal(0, match.SoftJaccard(["low"], []));
    }

    [Fact]
    public void Text_that_matches_another_anchor_better_is_a_disagreement()
    {
        // The own anchor's stored slots (a validated anchor kept from an older canonicaliser) differ from the text's.
        var anchors = new[] { ("own", A.Slots("patient", "have", "temperature")), ("other", Fever) };
        var alignment = new Alignment(anchors, new TableSimilarity());
        var result = alignment.Align(Fever, "own");
        Assert.Equal("other", result.RivalId);
        Assert.Equal(1, result.RivalScore, 12);
        Assert.Equal(0.6, result.OwnScore, 12);
        Assert.True(result.Disagrees);
        Assert.False(result.Aligned);
    }

    [Theory]
    [InlineData(0.9, 0.05, true)]
    [InlineData(0.97, 0.05, false)]
    [InlineData(0.97, 0.02, true)]
    [InlineData(1.0, 0.0, true)]
    public void Aligned_needs_the_margin_over_the_runner_up(double objectSimilarity, double margin, bool aligned)
    {
        // The rival differs in the object only: its score is 0.75 + 0.25 * similarity.
        var sim = new TableSimilarity().With("fever", "pyrexia", (objectSimilarity - 0.75) / 0.25);
        var anchors = new[] { ("own", Fever), ("rival", A.Slots("patient", "have", "pyrexia", "high")) };
        var alignment = new Alignment(anchors, sim, new AlignmentOptions { Margin = margin });
        var result = alignment.Align(Fever, "own");
        Assert.Equal("rival", result.RivalId);
        Assert.Equal(objectSimilarity, result.RivalScore, 9);
        Assert.Equal(aligned, result.Aligned);
        Assert.False(result.Disagrees);
    }

    [Fact]
    public void A_tie_prefers_the_own_anchor_but_is_not_aligned()
    {
        var sim = new TableSimilarity().With("fever", "pyrexia", 1);
        var alignment = new Alignment([("own", Fever), ("rival", A.Slots("patient", "have", "pyrexia", "high"))], sim);
        var result = alignment.Align(Fever, "own");
        Assert.False(result.Disagrees);
        Assert.False(result.Aligned);
    }

    [Fact]
    public void Candidates_come_from_shared_values_or_neighbours_only()
    {
        var disjoint = A.Slots("doctor", "prescribe", "pyrexia");
        var sim = new TableSimilarity().With("patient", "doctor", 0.9);
        var plain = new Alignment([("own", Fever), ("far", disjoint)], sim);
        Assert.Equal(["own"], plain.Candidates(Fever, "own"));

        var neighbours = new NeighbourSimilarity().With("patient", "doctor", 0.9);
        var withNeighbours = new Alignment([("own", Fever), ("far", disjoint)], neighbours);
        Assert.Equal(["own", "far"], withNeighbours.Candidates(Fever, "own"));
    }

    [Fact]
    public void A_huge_bucket_is_capped_and_the_own_anchor_always_kept()
    {
        // 20k anchors sharing the predicate "be": a text must not score them all.
        var anchors = Enumerable.Range(0, 20_000).Select(i => ($"a{i:00000}", A.Slots($"s{i}", "be", $"o{i}"))).ToList();
        var sim = new TableSimilarity();
        var alignment = new Alignment(anchors, sim, new AlignmentOptions { MaxCandidates = 50 });
        // Rare values found the own anchor; the huge bucket only votes for candidates already found.
        Assert.Equal(["a19999"], alignment.Candidates(A.Slots("s19999", "be", "o19999"), "a19999"));
        // Only the huge bucket: a bounded scan, cut to MaxCandidates, the own anchor first.
        var candidates = alignment.Candidates(A.Slots("nobody", "be", "nothing"), "a12345");
        Assert.Equal(50, candidates.Count);
        Assert.Equal("a12345", candidates[0]);

        var result = alignment.Align(A.Slots("s19999", "be", "o19999"), "a19999");
        Assert.True(result.Aligned);
        Assert.True(sim.Calls < 500, $"similarity called {sim.Calls} times");
    }

    [Fact]
    public void Bad_options_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new AlignmentOptions { Margin = 2 }.Validate());
        Assert.Throws<ArgumentException>(() => new AlignmentOptions { SubjectWeight = 0, PredicateWeight = 0, ObjectWeight = 0, AttributeWeight = 0 }.Validate());
        Assert.Throws<ArgumentException>(() => new AlignmentOptions { MaxCandidates = 0 }.Validate());
    }

    [Fact]
    public void Slots_json_round_trips()
    {
        var slots = new CanonicalSlots("patient", null, "fever", ["low", "persistent"], true, Tense.Past);
        Assert.Equal(slots, SlotsJson.Read(SlotsJson.Write(slots)));
        Assert.Throws<InvalidDataException>(() => SlotsJson.Read("{\"tense\":\"someday\"}"));
    }
}
