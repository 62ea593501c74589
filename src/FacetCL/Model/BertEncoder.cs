using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FacetCL.Model;

// Field names below are Hugging Face BERT's parameter names on purpose: the module's
// state_dict then *is* a Hugging Face BertModel state dict (embeddings.word_embeddings.weight,
// encoder.layer.0.attention.self.query.weight, ...), so export and import need no renaming table.
#pragma warning disable IDE1006 // naming: mirrors Hugging Face parameter names

/// <summary>
/// A BERT-family transformer encoder (post-LayerNorm, GELU) returning the last hidden states.
/// Any size from <see cref="BertConfig"/>.
/// </summary>
public sealed class BertEncoder : Module<Tensor, Tensor, Tensor?, Tensor>
{
    public readonly BertConfig Config;
    readonly BertEmbeddings embeddings;
    readonly BertLayerStack encoder;

    public BertEncoder(BertConfig config) : base("BertEncoder")
    {
        config.Validate();
        Config = config;
        embeddings = new BertEmbeddings(config);
        encoder = new BertLayerStack(config);
        RegisterComponents();
        InitialiseWeights();
    }

    /// <param name="inputIds">[batch, seq] int64</param>
    /// <param name="attentionMask">[batch, seq] int64, 1 for tokens, 0 for padding</param>
    /// <param name="tokenTypeIds">[batch, seq] int64 or null (all zero)</param>
    /// <returns>last hidden states [batch, seq, hidden]</returns>
    public override Tensor forward(Tensor inputIds, Tensor attentionMask, Tensor? tokenTypeIds)
    {
        using var scope = NewDisposeScope();
        return Layers(inputIds, attentionMask, tokenTypeIds, null)[^1].MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The output of every transformer layer, first to last (the last one is <see cref="forward"/>'s result).
    /// </summary>
    /// <param name="embeddingOffset">added to the summed input embeddings before their LayerNorm, [batch, seq, hidden]
    /// or null: the hook of the role-aware position signal, which BERT's own weights know nothing about</param>
    public Tensor[] Layers(Tensor inputIds, Tensor attentionMask, Tensor? tokenTypeIds, Tensor? embeddingOffset)
    {
        using var scope = NewDisposeScope();
        var hidden = embeddings.forward(inputIds, tokenTypeIds, embeddingOffset);
        // Additive mask: 0 where attended, a large negative where padded; broadcast over heads and queries.
        var bias = (1.0f - attentionMask.to(hidden.dtype)).mul(torch.finfo(hidden.dtype).min)
            .unsqueeze(1).unsqueeze(1);
        var outputs = encoder.forward(hidden, bias);
        foreach (var o in outputs) o.MoveToOuterDisposeScope();
        return outputs;
    }

    /// <summary>Truncated-normal-free BERT initialisation (N(0, 0.02), zero bias, unit LayerNorm), for models trained from scratch.</summary>
    void InitialiseWeights()
    {
        using var noGrad = torch.no_grad();
        foreach (var (name, p) in named_parameters())
        {
            if (name.EndsWith("LayerNorm.weight", StringComparison.Ordinal)) p.fill_(1.0);
            else if (name.EndsWith(".bias", StringComparison.Ordinal)) p.zero_();
            else p.normal_(0.0, 0.02);
        }
    }
}

sealed class BertEmbeddings : Module<Tensor, Tensor?, Tensor?, Tensor>
{
    readonly Embedding word_embeddings;
    readonly Embedding position_embeddings;
    readonly Embedding token_type_embeddings;
    readonly LayerNorm LayerNorm;
    readonly Dropout dropout;

    public BertEmbeddings(BertConfig c) : base("BertEmbeddings")
    {
        word_embeddings = Embedding(c.VocabSize, c.HiddenSize);
        position_embeddings = Embedding(c.MaxPositionEmbeddings, c.HiddenSize);
        token_type_embeddings = Embedding(c.TypeVocabSize, c.HiddenSize);
        LayerNorm = nn.LayerNorm(c.HiddenSize, c.LayerNormEps);
        dropout = Dropout(c.HiddenDropoutProb);
        RegisterComponents();
    }

    public override Tensor forward(Tensor inputIds, Tensor? tokenTypeIds, Tensor? offset)
    {
        var seqLen = inputIds.shape[1];
        if (seqLen > position_embeddings.weight!.shape[0])
            throw new ArgumentException($"sequence of {seqLen} tokens exceeds max_position_embeddings {position_embeddings.weight.shape[0]}");
        var positions = arange(seqLen, dtype: int64, device: inputIds.device).unsqueeze(0);
        var types = tokenTypeIds ?? zeros_like(inputIds);
        var sum = word_embeddings.forward(inputIds) + position_embeddings.forward(positions) + token_type_embeddings.forward(types);
        if (offset is not null) sum = sum + offset;
        return dropout.forward(LayerNorm.forward(sum));
    }
}

sealed class BertLayerStack : Module<Tensor, Tensor, Tensor[]>
{
    readonly ModuleList<BertLayer> layer;

    public BertLayerStack(BertConfig c) : base("BertLayerStack")
    {
        layer = new ModuleList<BertLayer>(Enumerable.Range(0, c.NumHiddenLayers).Select(_ => new BertLayer(c)).ToArray());
        RegisterComponents();
    }

    /// <returns>every layer's output, first to last</returns>
    public override Tensor[] forward(Tensor hidden, Tensor maskBias)
    {
        var outputs = new Tensor[layer.Count];
        for (var i = 0; i < layer.Count; i++) outputs[i] = hidden = layer[i].forward(hidden, maskBias);
        return outputs;
    }
}

sealed class BertLayer : Module<Tensor, Tensor, Tensor>
{
    readonly BertAttention attention;
    readonly BertIntermediate intermediate;
    readonly BertOutput output;

    public BertLayer(BertConfig c) : base("BertLayer")
    {
        attention = new BertAttention(c);
        intermediate = new BertIntermediate(c);
        output = new BertOutput(c.IntermediateSize, c);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden, Tensor maskBias)
    {
        var attended = attention.forward(hidden, maskBias);
        return output.forward(intermediate.forward(attended), attended);
    }
}

sealed class BertAttention : Module<Tensor, Tensor, Tensor>
{
    readonly BertSelfAttention self;
    readonly BertOutput output;

    public BertAttention(BertConfig c) : base("BertAttention")
    {
        self = new BertSelfAttention(c);
        output = new BertOutput(c.HiddenSize, c);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden, Tensor maskBias) => output.forward(self.forward(hidden, maskBias), hidden);
}

sealed class BertSelfAttention : Module<Tensor, Tensor, Tensor>
{
    readonly Linear query, key, value;
    readonly Dropout dropout;
    readonly int heads, headSize;

    public BertSelfAttention(BertConfig c) : base("BertSelfAttention")
    {
        heads = c.NumAttentionHeads;
        headSize = c.HeadSize;
        query = Linear(c.HiddenSize, c.HiddenSize);
        key = Linear(c.HiddenSize, c.HiddenSize);
        value = Linear(c.HiddenSize, c.HiddenSize);
        dropout = Dropout(c.AttentionProbsDropoutProb);
        RegisterComponents();
    }

    Tensor SplitHeads(Tensor x) => x.view(x.shape[0], x.shape[1], heads, headSize).transpose(1, 2);

    public override Tensor forward(Tensor hidden, Tensor maskBias)
    {
        var q = SplitHeads(query.forward(hidden));
        var k = SplitHeads(key.forward(hidden));
        var v = SplitHeads(value.forward(hidden));
        var scores = q.matmul(k.transpose(-1, -2)).div(Math.Sqrt(headSize)) + maskBias;
        var probs = dropout.forward(scores.softmax(-1));
        var context = probs.matmul(v).transpose(1, 2).contiguous();
        return context.view(context.shape[0], context.shape[1], heads * headSize);
    }
}

sealed class BertIntermediate : Module<Tensor, Tensor>
{
    readonly Linear dense;

    public BertIntermediate(BertConfig c) : base("BertIntermediate")
    {
        dense = Linear(c.HiddenSize, c.IntermediateSize);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => functional.gelu(dense.forward(x));
}

/// <summary>dense → dropout → residual add → LayerNorm (BertSelfOutput and BertOutput share this shape).</summary>
sealed class BertOutput : Module<Tensor, Tensor, Tensor>
{
    readonly Linear dense;
    readonly LayerNorm LayerNorm;
    readonly Dropout dropout;

    public BertOutput(int inFeatures, BertConfig c) : base("BertOutput")
    {
        dense = Linear(inFeatures, c.HiddenSize);
        LayerNorm = nn.LayerNorm(c.HiddenSize, c.LayerNormEps);
        dropout = Dropout(c.HiddenDropoutProb);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x, Tensor residual) => LayerNorm.forward(dropout.forward(dense.forward(x)) + residual);
}
