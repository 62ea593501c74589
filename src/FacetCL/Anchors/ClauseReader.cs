namespace FacetCL.Anchors;

/// <summary>The rules of <see cref="FrameExtractor"/> applied to one parse (see there for the why).</summary>
sealed class ClauseReader(LinkGraph g, ILemmatizer lemmatizer)
{
    readonly SortedSet<string> attributes = new(StringComparer.Ordinal);
    readonly HashSet<int> visited = [];

    public (SemanticFrame Frame, Dictionary<int, TokenRole> Roles)? Read()
    {
        var start = MainVerb();
        if (start is null) return null;
        // "I sat down and started laughing": the wall and the subject link to "and"; the first conjunct is
        // the predicate, the others are read as attributes.
        int? coordination = null;
        if (FirstVerbConjunct(start.Value) is { } first)
        {
            coordination = start.Value;
            start = first;
        }
        var finite = start.Value;
        for (var guard = 0; guard < 8 && ChainAbove(finite) is { } up; guard++) finite = up;

        var chain = new List<int> { finite };
        bool perfect = false, progressive = false, passive = false;
        var content = finite;
        for (var guard = 0; guard < 8 && ChainBelow(content) is { } down; guard++)
        {
            perfect |= down.Type == "PP";
            progressive |= down.Type == "P" && down.Sub.StartsWith('g');
            passive |= down.Type == "P" && (down.Sub.StartsWith('v') || down.Sub.StartsWith('a'));
            content = down.Right;
            chain.Add(content);
        }

        var surfaceSubject = Subject(finite) ?? (coordination is { } and ? Subject(and) : null);
        var obj = Object(content, out var objectClass);
        var complement = obj is null && !passive ? Complement(content) : null;
        int? agent = passive ? Agent(content) : null;
        var negated = chain.Any(v => WordForms.IsNegatedContraction(g.Words[v]) || g.All(v).Any(l => WordForms.IsNegativeAdverb(g.Words[l.Other(v)])));

        foreach (var v in chain) VerbModifiers(v, passive);
        if (coordination is { } conj)
            foreach (var l in g.Right(conj, "VJ").Where(l => l.Sub.StartsWith('r'))) Participle(l.Right, 0);
        foreach (var noun in new[] { surfaceSubject, obj, agent })
        {
            if (noun is not { } n) continue;
            negated |= WordForms.IsNegativePronoun(g.Words[n]) || g.Left(n, "D").Any(l => WordForms.IsNegativeDeterminer(g.Words[l.Left]));
            if (objectClass == WordClass.Adjective && n == obj)
            {
                AdverbsOf(n);
                foreach (var l in g.Right(n, "MV").Where(l => l.Sub.StartsWith('p'))) PrepositionOrNoun(l.Right, 0);
            }
            else NounModifiers(n, depth: 0);
        }

        var subject = passive ? agent : surfaceSubject;
        var logicalObject = passive ? surfaceSubject : obj;
        var roles = new Dictionary<int, TokenRole> { [content] = TokenRole.Predicate };
        if (subject is { } s) roles[s] = TokenRole.Subject;
        if (logicalObject is { } o) roles[o] = TokenRole.Object;
        if (complement is not null)
            foreach (var w in complement.Value.Words) roles[w] = TokenRole.Object;

        var frame = new SemanticFrame(
            subject is { } sw ? Lemma(sw, WordClass.Noun) : null,
            Lemma(content, WordClass.Verb),
            logicalObject is { } ow ? Lemma(ow, passive ? WordClass.Noun : objectClass) : complement?.Text,
            [.. attributes],
            negated,
            TenseOf(finite),
            perfect && progressive ? "perfect-progressive" : perfect ? "perfect" : progressive ? "progressive" : "simple",
            passive);
        return (frame, roles);
    }

    /// <summary>
    /// The verb the wall's WV link names (Q for a question: "Are you from the U.S.?"); else the verb of the
    /// first subject link (the left end of an inverted one).
    /// </summary>
    int? MainVerb()
    {
        var wall = g.Links.Where(l => l.Type == "WV" || (l.Type == "Q" && g.IsWall(l.Left))).OrderBy(l => l.Type == "WV" ? 0 : 1)
            .Select(l => (int?)l.Right).FirstOrDefault();
        if (wall is not null) return wall;
        return g.Links.Where(l => IsSubjectLink(l.Type))
            .Select(l => l.Type.EndsWith('I') ? l.Left : l.Right).Order().Select(v => (int?)v).FirstOrDefault();
    }

    /// <summary>A verb coordination ("and.j-v") stands for its left conjunct (the VJl link); null for anything else.</summary>
    int? FirstVerbConjunct(int word) =>
        g.Subscript(word) is { } s && s.StartsWith('j')
            ? g.Left(word, "VJ").Where(l => l.Sub.StartsWith('l')).Select(l => (int?)l.Left).FirstOrDefault()
            : null;

    /// <summary>
    /// A clausal complement ("I think (that) capital punishment should remain illegal", "she said her name was
    /// Jane"): the CV link, straight from the verb or through the complementiser of a TH link, names the clause's
    /// verb. The clause becomes the Object as one value, "subject [not] verb object" in lemmas ("punishment
    /// remain illegal"), so "I think X" and "I think Y" differ; its modifiers are attributes.
    /// </summary>
    (string Text, List<int> Words)? Complement(int verb)
    {
        var head = g.Right(verb, "CV").Select(l => (int?)l.Right).FirstOrDefault();
        foreach (var th in g.Right(verb, "TH"))
            head ??= g.Right(th.Right, "CV").Select(l => (int?)l.Right).FirstOrDefault();
        if (head is not { } h || !IsVerbLike(h)) return null;

        var finite = h;
        for (var guard = 0; guard < 8 && ChainAbove(finite) is { } up; guard++) finite = up;
        var chain = new List<int> { finite };
        var content = finite;
        for (var guard = 0; guard < 8 && ChainBelow(content) is { } down; guard++) chain.Add(content = down.Right);

        var subject = Subject(finite);
        var obj = Object(content, out var objectClass);
        var negated = chain.Any(v => WordForms.IsNegatedContraction(g.Words[v]) || g.All(v).Any(l => WordForms.IsNegativeAdverb(g.Words[l.Other(v)])));
        foreach (var v in chain) VerbModifiers(v, passive: false);
        if (subject is { } s) NounModifiers(s, 1);
        if (obj is { } o && objectClass == WordClass.Noun) NounModifiers(o, 1);

        var parts = new List<string>();
        if (subject is { } sw) parts.Add(Lemma(sw, WordClass.Noun));
        if (negated) parts.Add("not");
        parts.Add(Lemma(content, WordClass.Verb));
        if (obj is { } ow) parts.Add(Lemma(ow, objectClass));
        var words = new List<int> { content };
        if (subject is { } s2) words.Add(s2);
        if (obj is { } o2) words.Add(o2);
        return (string.Join(' ', parts), words);
    }

    static bool IsChain(LinkGraph.Link l) =>
        l.Type is "PP" or "I" || (l.Type == "P" && (l.Sub.StartsWith('g') || l.Sub.StartsWith('v')));

    static bool IsSubjectLink(string type) => type is "S" or "SX" or "SF" or "SI" or "SXI" or "SFI";

    bool IsVerbLike(int w) => WordForms.IsVerbSubscript(g.Subscript(w)) || WordForms.IsAuxiliary(g.Words[w]);

    int? ChainAbove(int verb) =>
        g.All(verb).Where(l => l.Right == verb && IsChain(l) && IsVerbLike(l.Left)).Select(l => (int?)l.Left).FirstOrDefault();

    /// <summary>
    /// The next verb down the auxiliary chain. Link Grammar links "was eaten" and "is tired" with Pa to a
    /// participle (verb subscript) when it reads it adjectivally; that is a passive too.
    /// </summary>
    LinkGraph.Link? ChainBelow(int verb) =>
        g.All(verb).Where(l => l.Left == verb && IsVerbLike(l.Right)
                               && (IsChain(l) || (l.Type == "P" && l.Sub.StartsWith('a') && WordForms.IsVerbSubscript(g.Subscript(l.Right)))))
            .Select(l => (LinkGraph.Link?)l).FirstOrDefault();

    int? Subject(int finite)
    {
        foreach (var l in g.All(finite))
        {
            if (!IsSubjectLink(l.Type)) continue;
            var inverted = l.Type.EndsWith('I');
            if (!inverted && l.Right == finite) return Conjunct(l.Left);
            if (inverted && l.Left == finite) return Conjunct(l.Right);
        }
        return null;
    }

    int? Object(int verb, out WordClass wordClass)
    {
        wordClass = WordClass.Noun;
        var o = g.Right(verb, "O").Select(l => (int?)l.Right).FirstOrDefault();
        if (o is not null) return Conjunct(o.Value);
        var pa = g.Right(verb, "P").Where(l => l.Sub.StartsWith('a')).Select(l => (int?)l.Right).FirstOrDefault();
        if (pa is not { } p) return null;
        wordClass = WordClass.Adjective;
        // "are walking and talking" (and.j-a): the first conjunct is the Object, the others attributes.
        foreach (var l in g.Right(p, "AJ").Where(l => l.Sub.StartsWith('r')))
            Add(l.Right, IsVerbLike(l.Right) ? WordClass.Verb : WordClass.Adjective);
        return Conjunct(p);
    }

    /// <summary>"… by the dog": the object of the verb's "by" phrase.</summary>
    int? Agent(int verb) =>
        g.Right(verb, "MV").Where(l => g.Words[l.Right] == "by")
            .SelectMany(l => g.Right(l.Right, "J")).Select(l => (int?)Conjunct(l.Right)).FirstOrDefault();

    /// <summary>
    /// A coordination ("the dog and the cat", "tired and hungry") stands for its first conjunct; in a list ("a street, cars, and a
    /// man") the left conjunct of "and" is the comma, itself a conjunction, so the walk goes on leftwards.
    /// </summary>
    int Conjunct(int word)
    {
        for (var guard = 0; guard < 16 && g.Subscript(word) is { } s && s.StartsWith('j'); guard++)
        {
            var first = g.All(word).Where(l => l.Type is "SJ" or "AJ" && l.Right == word).Select(l => (int?)l.Left).FirstOrDefault();
            if (first is null) break;
            word = first.Value;
        }
        return word;
    }

    void VerbModifiers(int verb, bool passive)
    {
        foreach (var l in g.All(verb))
        {
            var other = l.Other(verb);
            if (WordForms.IsNegativeAdverb(g.Words[other])) continue;
            if (l.Type == "E" && l.Right == verb) Add(other, WordClass.Adverb);
            else if (l.Type == "EB" && l.Left == verb) Add(other, WordClass.Adverb);
            else if (l.Type == "MV" && l.Left == verb)
            {
                if (l.Sub.StartsWith('a')) Add(other, WordClass.Adverb);
                else if (l.Sub.StartsWith('p') && !(passive && g.Words[other] == "by")) PrepositionOrNoun(other, 0);
                else if (l.Sub.StartsWith('s')) Subordinate(other);
            }
            else if (l.Type == "P" && l.Left == verb && l.Sub.StartsWith('p')) PrepositionOrNoun(other, 0);
            else if (l.Type == "IV" && l.Left == verb) Participle(other, 0);
            else if ((l.Type == "TO" || (l.Type == "MV" && l.Sub.StartsWith('i'))) && l.Left == verb && !g.Right(verb, "IV").Any())
            {
                foreach (var i in g.Right(other, "I")) Participle(i.Right, 0);
            }
        }
    }

    /// <summary>A preposition contributes its object noun ("for three days" → day, three); a bare time noun ("next week") itself.</summary>
    void PrepositionOrNoun(int word, int depth)
    {
        var objects = g.Right(word, "J").Select(l => l.Right).ToList();
        var gerunds = g.Right(word, "M").Where(l => l.Sub.StartsWith('g')).Select(l => l.Right).ToList();
        foreach (var v in gerunds) Participle(v, depth); // "tired from riding his bike"
        if (objects.Count == 0 && gerunds.Count > 0) return;
        if (objects.Count == 0)
        {
            if (WordForms.IsNounSubscript(g.Subscript(word)) || g.Subscript(word) == "r" && g.All(word).Any(l => l.Type is "DT" or "ND"))
            {
                Add(word, WordClass.Noun);
                NounModifiers(word, depth + 1);
            }
            else if (!WordForms.IsVerbSubscript(g.Subscript(word)))
            {
                Add(word, WordClass.Adverb); // a preposition used alone: "people are outside", "playing soccer outside"
            }
            return;
        }
        foreach (var n in objects)
        {
            Add(n, WordClass.Noun);
            NounModifiers(n, depth + 1);
        }
    }

    void NounModifiers(int noun, int depth)
    {
        if (!visited.Add(noun) || depth > 2) return;
        foreach (var l in g.All(noun))
        {
            var other = l.Other(noun);
            if (l.Right == noun && l.Type == "A") { Add(other, WordClass.Adjective); AdverbsOf(other); }
            else if (l.Right == noun && l.Type == "AN") Add(other, WordClass.Noun);
            else if (l.Right == noun && l.Type == "DT") Add(other, WordClass.Adjective);
            else if (l.Right == noun && l.Type is "ND" or "D" or "NN" && WordForms.IsNumber(g.Words[other])) attributes.Add(g.Words[other]);
            else if (l.Left == noun && l.Type == "M" && l.Sub.StartsWith('p')) PrepositionOrNoun(other, depth);
            else if (l.Left == noun && l.Type == "M" && (l.Sub.StartsWith('g') || l.Sub.StartsWith('v'))) Participle(other, depth);
        }
    }

    /// <summary>
    /// A participle modifying a noun ("a woman wearing a red skirt", "men dressed in robes"), or an infinitive
    /// complement of a verb ("tries to catch a ball"): the verb, its object with the object's modifiers, its
    /// adverbs and prepositional phrases are attributes.
    /// </summary>
    void Participle(int verb, int depth)
    {
        if (depth > 1) return;
        Add(verb, WordClass.Verb);
        foreach (var l in g.All(verb))
        {
            var other = l.Other(verb);
            if (l.Left != verb || WordForms.IsNegativeAdverb(g.Words[other])) continue;
            if (l.Type == "O") { Add(other, WordClass.Noun); NounModifiers(other, depth + 1); }
            else if (l.Type == "MV" && l.Sub.StartsWith('a')) Add(other, WordClass.Adverb);
            else if (l.Type == "MV" && l.Sub.StartsWith('p')) PrepositionOrNoun(other, depth + 1);
        }
    }

    /// <summary>
    /// A subordinate clause of the main verb ("… while another child watches", "… while camping"): its subject
    /// (with modifiers) and its verb (with object and modifiers) are attributes.
    /// </summary>
    void Subordinate(int conjunction)
    {
        foreach (var l in g.All(conjunction).Where(l => l.Left == conjunction))
        {
            if (l.Type == "C") { Add(l.Right, WordClass.Noun); NounModifiers(l.Right, 1); }
            else if (l.Type == "CV" || (l.Type == "M" && l.Sub.StartsWith('g'))) Participle(l.Right, 0);
        }
    }

    /// <summary>"very persistent": adverbs on an adjective.</summary>
    void AdverbsOf(int adjective)
    {
        foreach (var l in g.All(adjective))
            if (l.Right == adjective && l.Type is "E" or "EA" or "EE" && !WordForms.IsNegativeAdverb(g.Words[l.Left]))
                Add(l.Left, WordClass.Adverb);
    }

    void Add(int word, WordClass wordClass)
    {
        if (g.IsWall(word)) return;
        var w = g.Words[word];
        if (WordForms.IsNumber(w)) { attributes.Add(w); return; }
        if (WordForms.IsAuxiliary(w) || w.Length == 0 || !w.Any(char.IsLetterOrDigit)) return;
        attributes.Add(Lemma(word, wordClass));
    }

    string Lemma(int word, WordClass wordClass)
    {
        var w = WordForms.WithoutNegation(g.Words[word]);
        return lemmatizer.Lemma(w, wordClass).ToLowerInvariant();
    }

    Tense TenseOf(int finite)
    {
        var w = g.Words[finite];
        if (WordForms.IsFuture(w)) return Tense.Future;
        if (WordForms.IsPastSubscript(g.Subscript(finite)) || WordForms.IsPastAuxiliary(w)) return Tense.Past;
        // Link Grammar gives regular "-ed" forms that are past tense and past participle alike a plain "v"
        // ("attempted.v"): a finite content verb in "-ed" that is not its own lemma ("need") is past.
        if (!WordForms.IsAuxiliary(w) && w.EndsWith("ed", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(Lemma(finite, WordClass.Verb), w, StringComparison.OrdinalIgnoreCase)) return Tense.Past;
        return Tense.Present;
    }
}
