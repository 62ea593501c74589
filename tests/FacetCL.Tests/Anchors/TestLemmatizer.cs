using FacetCL.Anchors;

namespace FacetCL.Tests.Anchors;

/// <summary>
/// A tiny stand-in for the WordNet lemmatiser: an irregular table plus -s/-ed/-ing stripping,
/// enough for the hand-written sentences of these tests.
/// </summary>
sealed class TestLemmatizer : ILemmatizer
{
    static readonly Dictionary<string, string> Irregular = new()
    {
        ["has"] = "have",
        ["had"] = "have",
        ["having"] = "have",
        ["is"] = "be",
        ["are"] = "be",
        ["was"] = "be",
        ["were"] = "be",
        ["been"] = "be",
        ["am"] = "be",
        ["being"] = "be",
        ["ate"] = "eat",
        ["eaten"] = "eat",
        ["eats"] = "eat",
        ["does"] = "do",
        ["did"] = "do",
        ["done"] = "do",
        ["men"] = "man",
        ["women"] = "woman",
        ["children"] = "child",
        ["sat"] = "sit",
        ["left"] = "leave",
        ["said"] = "say",
    };

    public string Lemma(string word, WordClass wordClass)
    {
        var w = word.ToLowerInvariant();
        if (Irregular.TryGetValue(w, out var lemma)) return lemma;
        if (wordClass == WordClass.Verb)
        {
            if (w.EndsWith("ing") && w.Length > 5) return Undouble(w[..^3]);
            if (w.EndsWith("ed") && w.Length > 4) return w.EndsWith("sed") || w.EndsWith("ved") ? w[..^1] : Undouble(w[..^2]);
        }
        if (wordClass is WordClass.Verb or WordClass.Noun)
        {
            if (w.EndsWith("ies") && w.Length > 4) return w[..^3] + "y";
            if (w.EndsWith('s') && !w.EndsWith("ss") && w.Length > 3) return w[..^1];
        }
        return w;
    }

    static string Undouble(string stem) =>
        stem.Length > 2 && stem[^1] == stem[^2] && stem[^1] is not ('l' or 's') ? stem[..^1] : stem;
}
