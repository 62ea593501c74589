namespace FacetCL.Anchors;

/// <summary>Anchor inputs in input order and the annotation run's figures.</summary>
public sealed record AnchoringRun(IReadOnlyList<AnchorInput> Inputs, AnnotationStats Stats);

/// <summary>
/// The semantic-anchoring stage end to end: Link Grammar annotation (<see cref="Annotator"/> with a
/// <see cref="WordNetLemmatizer"/>), canonicalisation (<see cref="Canonicalizer"/>) and the fingerprint
/// (<see cref="Fingerprint.Of"/>, <see cref="Fingerprint.CanonicalText"/>).
/// </summary>
public sealed class AnchoringPipeline(WordNet wordNet, AnnotatorOptions? options = null)
{
    private readonly Annotator _annotator = new(new WordNetLemmatizer(wordNet), options);
    private readonly Canonicalizer _canonicalizer = new(wordNet);

    public AnchoringPipeline(AnnotatorOptions? options = null) : this(WordNet.Default, options) { }

    public Canonicalizer Canonicalizer => _canonicalizer;

    /// <summary>Annotates, canonicalises and fingerprints <paramref name="texts"/>; one input per text, in order.</summary>
    public AnchoringRun Run(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancel = default)
    {
        var run = _annotator.Annotate(texts, progress, cancel);
        var inputs = run.Annotations.Select(a => Input(a.Text, a.Frame)).ToList();
        return new AnchoringRun(inputs, run.Stats);
    }

    /// <summary>The annotations alone (frames before canonicalisation), in input order.</summary>
    public AnnotationRun Annotate(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancel = default) =>
        _annotator.Annotate(texts, progress, cancel);

    /// <summary>The frame of one sentence (annotated like <see cref="Run"/>, cache included).</summary>
    public SemanticFrame FrameOf(string text) => _annotator.Annotate([text]).Annotations[0].Frame;

    /// <summary>The anchor input of one frame: its canonical slots, fingerprint and readable text.</summary>
    public AnchorInput Input(string text, SemanticFrame frame)
    {
        var slots = _canonicalizer.Canonicalize(frame);
        return new AnchorInput(text, Fingerprint.Of(slots), slots, Fingerprint.CanonicalText(slots));
    }
}
