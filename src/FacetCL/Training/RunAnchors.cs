using System.Text.Json.Nodes;
using FacetCL.Anchors;
using FacetCL.Data;

namespace FacetCL.Training;

/// <summary>
/// The anchoring stage inside a training run: annotates and fingerprints every training text
/// (cached), (re)builds the run's anchor library (curation kept: validated anchors stay, rejected
/// ones are not used) and turns each text's aligned anchor into an integer id for the loss.
/// </summary>
public static class RunAnchors
{
    public sealed record Result(TripletAnchors Ids, JsonObject Stats);

    public static Result Build(IReadOnlyList<Triplet> triplets, string libraryPath, string provenance, Action<string> log)
    {
        var texts = triplets.SelectMany(t => new[] { t.Anchor, t.Positive, t.Negative }).Distinct(StringComparer.Ordinal).ToList();
        log($"anchoring: annotating {texts.Count} unique training texts (Link Grammar, cached by text)");
        var reported = 0;
        var progress = new Progress<int>(done =>
        {
            // Parsing tens of thousands of texts takes minutes: say how far it got.
            if (done - Volatile.Read(ref reported) < 2000 && done != texts.Count) return;
            Volatile.Write(ref reported, done);
            log($"anchoring: {done}/{texts.Count} texts annotated");
        });
        var run = new AnchoringPipeline().Run(texts, progress);
        log($"anchoring: {run.Stats}");
        // A frame with no subject, predicate or object states no proposition (a failed parse of a
        // fragment): such texts get no anchor rather than one shared "empty" anchor.
        var inputs = run.Inputs.Where(i => i.Slots.Subject is not null || i.Slots.Predicate is not null || i.Slots.Object is not null).ToList();
        log($"anchoring: {run.Inputs.Count - inputs.Count} texts without any slot get no anchor");
        using var library = AnchorLibrary.Open(libraryPath);
        var report = library.Build(inputs, provenance, new WordNetSimilarity(WordNet.Default));
        var numbers = new Dictionary<string, long>(StringComparer.Ordinal);
        long IdOf(string text)
        {
            // Only aligned texts carry their anchor into the loss: the soft match must agree.
            if (library.AnchorOf(text) is not { Aligned: true } match) return -1;
            if (!numbers.TryGetValue(match.AnchorId, out var n)) numbers[match.AnchorId] = n = numbers.Count;
            return n;
        }
        var cache = texts.ToDictionary(t => t, IdOf, StringComparer.Ordinal);
        var ids = new TripletAnchors(
            triplets.Select(t => cache[t.Anchor]).ToArray(),
            triplets.Select(t => cache[t.Positive]).ToArray(),
            triplets.Select(t => cache[t.Negative]).ToArray());
        var stats = library.Stats().ToJson();
        stats["library"] = libraryPath;
        stats["annotation"] = run.Stats.ToString();
        stats["texts_without_slots"] = run.Inputs.Count - inputs.Count;
        stats["build"] = $"{report.Texts} texts: {report.AnchorsAdded} anchors added, {report.AnchorsUpdated} updated, {report.AnchorsRemoved} removed; {report.Aligned} aligned, {report.Disagreements} disagreements";
        return new Result(ids, stats);
    }
}
