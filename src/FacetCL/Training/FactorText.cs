namespace FacetCL.Training;

/// <summary>
/// A text as the semantic-tensor stage sees it: its factor bins (one per <see cref="Factors.FactorKind"/>,
/// −1 = unknown) and the role id of each of its tokens at the training length (null: no parse).
/// </summary>
public sealed record FactorText(string Text, int[] Bins, int[]? Roles);

/// <summary>
/// What a <see cref="TrainingSession"/> needs for the semantic tensor: the facts of every triplet text,
/// the gold-labelled factor texts mixed into each step's batch, and the held-out texts whose factor
/// metrics drive the adaptive loss weights.
/// </summary>
public sealed record SemanticTensorInputs(
    IReadOnlyDictionary<string, FactorText> TripletTexts,
    IReadOnlyList<FactorText> Labelled,
    IReadOnlyList<FactorText> Validation);
