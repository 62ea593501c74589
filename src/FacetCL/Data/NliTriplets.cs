namespace FacetCL.Data;

/// <summary>
/// Builds SimCSE-style triplets (premise, entailed hypothesis, contradicting hypothesis) from
/// NLI pairs: the contradiction is a hard negative for the entailment.
/// </summary>
public static class NliTriplets
{
    /// <summary>
    /// Groups pairs by premise (exact text after trimming) and, for every premise with at least
    /// one entailment and one contradiction, picks up to <paramref name="maxPerPremise"/>
    /// distinct (entailment, contradiction) combinations.
    /// </summary>
    /// <remarks>
    /// The choice is reproducible: hypotheses are de-duplicated and sorted (ordinal), all
    /// combinations are shuffled with a <see cref="Random"/> seeded from <paramref name="seed"/>
    /// and a stable hash of the premise, and the first ones are taken. Seeding per premise
    /// means adding or removing other premises never changes a premise's choice. Premises come
    /// out in order of first appearance; each triplet's source is that of its entailment pair.
    /// </remarks>
    public static IReadOnlyList<Triplet> Build(IEnumerable<NliPair> pairs, int maxPerPremise, int seed)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerPremise, 1);

        var groups = new Dictionary<string, Group>(StringComparer.Ordinal);
        var order = new List<Group>();
        foreach (var pair in pairs)
        {
            var premise = pair.Premise.Trim();
            if (!groups.TryGetValue(premise, out var group))
            {
                group = new Group(premise);
                groups.Add(premise, group);
                order.Add(group);
            }

            var hypothesis = pair.Hypothesis.Trim();
            switch (pair.Label)
            {
                case NliLabel.Entailment:
                    group.Entailments.TryAdd(hypothesis, pair.Source);
                    break;
                case NliLabel.Contradiction:
                    group.Contradictions.TryAdd(hypothesis, pair.Source);
                    break;
                default:
                    break;
            }
        }

        var triplets = new List<Triplet>();
        foreach (var group in order)
        {
            if (group.Entailments.Count == 0 || group.Contradictions.Count == 0)
            {
                continue;
            }

            var entailments = group.Entailments.Keys.Order(StringComparer.Ordinal).ToArray();
            var contradictions = group.Contradictions.Keys.Order(StringComparer.Ordinal).ToArray();
            var combinations = Enumerable.Range(0, entailments.Length * contradictions.Length).ToArray();
            Shuffle(combinations, new Random(unchecked(seed ^ StableHash(group.Premise))));
            foreach (var index in combinations.Take(maxPerPremise))
            {
                var entailment = entailments[index / contradictions.Length];
                var contradiction = contradictions[index % contradictions.Length];
                triplets.Add(new Triplet(group.Premise, entailment, contradiction, group.Entailments[entailment]));
            }
        }

        return triplets;
    }

    /// <summary>Fisher-Yates written out, so the order cannot change with the runtime's own Shuffle.</summary>
    private static void Shuffle(int[] items, Random random)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>FNV-1a over the UTF-16 code units: unlike string.GetHashCode it is the same in every process.</summary>
    internal static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return unchecked((int)hash);
    }

    private sealed class Group(string premise)
    {
        public string Premise { get; } = premise;

        public Dictionary<string, SourceRef> Entailments { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, SourceRef> Contradictions { get; } = new(StringComparer.Ordinal);
    }
}
