using FacetCL.Model;

namespace FacetCL.Bench;

/// <summary>
/// Floating-point operations of BERT training steps, by the convention stated in the benchmark:
/// matrix multiplies only (2·m·n·k each), padding counted, backward = 2 × forward.
/// Per layer and sequence of padded length L: Q, K, V and attention-output projections 4·2·L·H²,
/// feed-forward 2·2·L·H·I, attention scores QKᵀ and probabilities·V 2·2·L²·H.
/// </summary>
public static class FlopCount
{
    public static double ForwardMatmul(BertConfig c, int texts, int length)
    {
        double l = length, h = c.HiddenSize, i = c.IntermediateSize;
        var perSequence = c.NumHiddenLayers * (8 * l * h * h + 4 * l * h * i + 4 * l * l * h);
        return texts * perSequence;
    }

    public static double TrainingStep(BertConfig c, int texts, int length) => 3 * ForwardMatmul(c, texts, length);
}
