using System.Reflection;
using FacetCL.Model;
using Google.Protobuf;
using Onnx;
using static FacetCL.Export.OnnxGraphBuilder;
using static TorchSharp.torch;
using DataType = Onnx.TensorProto.Types.DataType;

namespace FacetCL.Export;

/// <summary>
/// Writes a <see cref="SentenceModel"/> as a self-contained ONNX file that any ONNX runtime can serve
/// without facetcl. The graph is built here op by op from <see cref="BertConfig"/> (any encoder size),
/// mirroring <see cref="BertEncoder"/>'s forward pass so the outputs match it to float rounding:
/// <list type="bullet">
/// <item>inputs <c>input_ids</c>, <c>attention_mask</c>, <c>token_type_ids</c>: int64 [batch, sequence];</item>
/// <item>output <c>last_hidden_state</c> [batch, sequence, hidden];</item>
/// <item>output <c>sentence_embedding</c> [batch, hidden]: mean over real tokens, then L2-normalised
/// when the model normalises (facetcl's main vector);</item>
/// <item>for a model with a role signal, an optional input <c>role_ids</c>: int64 [batch, sequence] (declared as
/// [role_batch, role_sequence])
/// (0 other, 1 subject, 2 predicate, 3 object, as <c>RoleAlignment</c> gives them). It is also an
/// initializer holding a single 0, so a caller that does not feed it gets the role-free encoder.</item>
/// </list>
/// Weights are the encoder's state dict under their Hugging Face names (Linear weights stay [out, in]
/// and go through a Transpose that runtimes fold at load), so the file can be read back by
/// <see cref="OnnxWeights"/>. Opset 17 gives LayerNormalization as one op; GELU is the exact erf form.
/// </summary>
public static class OnnxExporter
{
    public const int Opset = 17;
    const int IrVersion = 8; // the IR version that goes with opset 17

    /// <summary>Builds the ONNX model and writes it atomically to <paramref name="path"/>.</summary>
    public static void Export(SentenceModel model, string path)
    {
        var proto = Build(model);
        AtomicFile.Write(path, stream => proto.WriteTo(stream));
    }

    /// <summary>Builds the ONNX model in memory.</summary>
    public static ModelProto Build(SentenceModel model)
    {
        var c = model.Config;
        c.Validate();
        var state = model.Encoder.state_dict();
        var g = new OnnxGraphBuilder();
        g.Graph.Name = "facetcl_sentence_encoder";
        foreach (var input in new[] { "input_ids", "attention_mask", "token_type_ids" })
            g.Graph.Input.Add(Value(input, DataType.Int64, "batch", "sequence"));

        string W(string name) => g.Weight(name, state[name]);
        var one = g.Scalar(1f);

        // Embeddings: word + position + token type, then LayerNorm (the sum order of BertEmbeddings).
        var seqLen = g.Node("Gather", [g.Node("Shape", "input_ids"), g.Int64s([1], scalar: true)]);
        var positions = g.Node("Range", [g.Int64s([0], scalar: true), seqLen, g.Int64s([1], scalar: true)]);
        var sum = g.Node("Add", [
            g.Node("Add", [g.Node("Gather", [W("embeddings.word_embeddings.weight"), "input_ids"]),
                           g.Node("Gather", [W("embeddings.position_embeddings.weight"), positions])]),
            g.Node("Gather", [W("embeddings.token_type_embeddings.weight"), "token_type_ids"])]);
        if (model.Roles is not null) sum = g.Node("Add", [sum, RoleOffset(g, model.Roles)]);
        var hidden = LayerNorm(g, W, sum, "embeddings.LayerNorm", c.LayerNormEps);

        // Additive attention bias (1 - mask) * float.MinValue, [batch, 1, 1, sequence], as BertEncoder builds it.
        var maskF = g.Node("Cast", "attention_mask", Attr("to", (long)DataType.Float));
        var bias = g.Node("Unsqueeze", [g.Node("Mul", [g.Node("Sub", [one, maskF]), g.Scalar(float.MinValue)]), g.Int64s([1, 2])]);

        for (var i = 0; i < c.NumHiddenLayers; i++)
            hidden = Layer(g, W, c, $"encoder.layer.{i}", hidden, bias, one);

        g.Node("Identity", hidden);
        Rename(g, "last_hidden_state");
        g.Graph.Output.Add(Value("last_hidden_state", DataType.Float, "batch", "sequence", (long)c.HiddenSize));

        // Mean pooling over real tokens: Σ mask·h / max(Σ mask, 1e-9), then x / max(‖x‖₂, 1e-12).
        var mask3 = g.Node("Unsqueeze", [maskF, g.Int64s([2])]);
        var summed = g.Node("ReduceSum", [g.Node("Mul", ["last_hidden_state", mask3]), g.Int64s([1])], Attr("keepdims", 0L));
        var count = g.Node("ReduceSum", [mask3, g.Int64s([1])], Attr("keepdims", 0L));
        var mean = g.Node("Div", [summed, g.Node("Max", [count, g.Scalar(1e-9f)])]);
        if (model.Settings.Normalize)
        {
            var norm = g.Node("ReduceL2", mean, Attr("axes", new long[] { 1 }), Attr("keepdims", 1L));
            g.Node("Div", [mean, g.Node("Max", [norm, g.Scalar(1e-12f)])]);
        }
        else g.Node("Identity", mean);
        Rename(g, "sentence_embedding");
        g.Graph.Output.Add(Value("sentence_embedding", DataType.Float, "batch", (long)c.HiddenSize));

        var proto = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "facetcl",
            ProducerVersion = typeof(OnnxExporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0",
            DocString = $"facetcl sentence encoder (base model {model.Settings.BaseModel}): BERT, {c.NumHiddenLayers} layers, hidden {c.HiddenSize}. " +
                        "Outputs last_hidden_state and sentence_embedding (mean pooling over attention_mask" +
                        (model.Settings.Normalize ? ", L2-normalised" : "") + "). Factor vectors are not part of this export." +
                        (model.Roles is null ? "" : " Optional input role_ids [batch, sequence] (0 other, 1 subject, 2 predicate, 3 object); leave it out for no role signal."),
            Graph = g.Graph,
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["base_model"] = model.Settings.BaseModel,
            ["pooling"] = model.Settings.Pooling,
            ["normalize"] = model.Settings.Normalize ? "true" : "false",
            ["max_seq_length"] = model.Settings.MaxSeqLength.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["trained_steps"] = model.Settings.TrainedSteps.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
            proto.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return proto;
    }

    /// <summary>
    /// The role signal as one lookup: a [4, hidden] table (row 0 zero for "other", then scale·vector of
    /// subject, predicate, object) gathered by <c>role_ids</c>. <c>role_ids</c> is a graph input with a
    /// [1, 1] zero initializer of the same name (ONNX IR ≥ 4: an input with an initializer is optional),
    /// which broadcasts to "no offset" when the caller feeds nothing.
    /// </summary>
    static string RoleOffset(OnnxGraphBuilder g, Factors.RoleSignal roles)
    {
        var weights = roles.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        using var noGrad = no_grad();
        using var table = cat([zeros(1, weights["role_embeddings"].shape[1]), weights["role_embeddings"] * weights["role_scale"].unsqueeze(1)], 0);
        // Its own symbolic dims: [batch, sequence] when fed, [1, 1] by default; naming them "batch" and
        // "sequence" would let the runtime's memory planner assume the default has the inputs' shape.
        g.Graph.Input.Add(Value("role_ids", DataType.Int64, "role_batch", "role_sequence"));
        g.NamedInt64s("role_ids", [0], [1, 1]);
        return g.Node("Gather", [g.Weight("role_offset_table", table), "role_ids"]);
    }

    /// <summary>One post-LayerNorm BERT layer: self-attention, residual + LayerNorm, GELU MLP, residual + LayerNorm.</summary>
    static string Layer(OnnxGraphBuilder g, Func<string, string> W, BertConfig c, string prefix, string x, string bias, string one)
    {
        long[] headShape = [0, 0, c.NumAttentionHeads, c.HeadSize]; // 0 copies batch and sequence
        string Heads(string t) => g.Node("Transpose", g.Node("Reshape", [t, g.Int64s(headShape)]), Attr("perm", new long[] { 0, 2, 1, 3 }));

        var q = Heads(Linear(g, W, x, $"{prefix}.attention.self.query"));
        var k = Heads(Linear(g, W, x, $"{prefix}.attention.self.key"));
        var v = Heads(Linear(g, W, x, $"{prefix}.attention.self.value"));
        var kT = g.Node("Transpose", k, Attr("perm", new long[] { 0, 1, 3, 2 }));
        var scores = g.Node("Add", [g.Node("Div", [g.Node("MatMul", [q, kT]), g.Scalar((float)Math.Sqrt(c.HeadSize))]), bias]);
        var probs = g.Node("Softmax", scores, Attr("axis", -1L));
        var context = g.Node("Transpose", g.Node("MatMul", [probs, v]), Attr("perm", new long[] { 0, 2, 1, 3 }));
        var merged = g.Node("Reshape", [context, g.Int64s([0, 0, c.HiddenSize])]);
        var attended = LayerNorm(g, W, g.Node("Add", [Linear(g, W, merged, $"{prefix}.attention.output.dense"), x]),
            $"{prefix}.attention.output.LayerNorm", c.LayerNormEps);

        // Exact GELU: 0.5 · h · (1 + erf(h / √2)).
        var h = Linear(g, W, attended, $"{prefix}.intermediate.dense");
        var erf = g.Node("Erf", g.Node("Div", [h, g.Scalar((float)Math.Sqrt(2.0))]));
        var gelu = g.Node("Mul", [g.Node("Mul", [h, g.Node("Add", [erf, one])]), g.Scalar(0.5f)]);

        return LayerNorm(g, W, g.Node("Add", [Linear(g, W, gelu, $"{prefix}.output.dense"), attended]),
            $"{prefix}.output.LayerNorm", c.LayerNormEps);
    }

    /// <summary>x · Wᵀ + b with W kept in the state dict's [out, in] layout.</summary>
    static string Linear(OnnxGraphBuilder g, Func<string, string> W, string x, string prefix) =>
        g.Node("Add", [g.Node("MatMul", [x, g.Node("Transpose", W($"{prefix}.weight"), Attr("perm", new long[] { 1, 0 }))]), W($"{prefix}.bias")]);

    static string LayerNorm(OnnxGraphBuilder g, Func<string, string> W, string x, string prefix, double eps) =>
        g.Node("LayerNormalization", [x, W($"{prefix}.weight"), W($"{prefix}.bias")], Attr("axis", -1L), Attr("epsilon", (float)eps));

    /// <summary>Gives the last node's output a public name (graph outputs must be named by their producer).</summary>
    static void Rename(OnnxGraphBuilder g, string name) => g.Graph.Node[^1].Output[0] = name;
}
