using Google.Protobuf;
using Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace FacetCL.Model;

/// <summary>
/// Reads a BERT ONNX export's weights into a Hugging Face–named state dict.
/// Embeddings, LayerNorms and biases keep their names in the file; the projection matrices were
/// constant-folded into numbered initializers stored as [in, out]. Each is named by following its
/// MatMul to the Add that adds a named bias (<c>….bias</c> ⇒ <c>….weight</c>) and transposed to
/// the [out, in] layout of a Linear layer.
/// </summary>
public static class OnnxWeights
{
    public static Dictionary<string, Tensor> ReadHfStateDict(string onnxPath)
    {
        ModelProto model;
        using (var stream = File.OpenRead(onnxPath))
            model = ModelProto.Parser.ParseFrom(stream);
        var graph = model.Graph;
        var initializers = graph.Initializer.ToDictionary(t => t.Name);
        var consumers = new Dictionary<string, List<NodeProto>>();
        foreach (var node in graph.Node)
            foreach (var input in node.Input)
            {
                if (!consumers.TryGetValue(input, out var list)) consumers[input] = list = [];
                list.Add(node);
            }

        var state = new Dictionary<string, Tensor>();
        foreach (var (name, init) in initializers)
        {
            // position_ids is an int64 buffer (0..max), not a weight; BertEncoder computes it.
            if (IsHfName(name) && !name.EndsWith("position_ids", StringComparison.Ordinal)) state[name] = ToTensor(init, onnxPath);
        }
        foreach (var node in graph.Node.Where(n => n.OpType == "MatMul"))
        {
            var weightName = node.Input.FirstOrDefault(i => initializers.ContainsKey(i) && !IsHfName(i));
            if (weightName is null) continue;
            var add = consumers.GetValueOrDefault(node.Output[0])?.FirstOrDefault(n => n.OpType == "Add");
            var bias = add?.Input.FirstOrDefault(i => i.EndsWith(".bias", StringComparison.Ordinal) && initializers.ContainsKey(i));
            if (bias is null)
                throw new InvalidDataException($"{onnxPath}: MatMul '{node.Name}' with weight '{weightName}' is not followed by an Add of a named bias");
            var hfName = bias[..^".bias".Length] + ".weight";
            using var inOut = ToTensor(initializers[weightName], onnxPath);
            state[hfName] = inOut.t().contiguous();
        }
        return state;
    }

    static bool IsHfName(string name) => name.Contains('.', StringComparison.Ordinal) && !char.IsDigit(name[0]);

    static Tensor ToTensor(TensorProto t, string source)
    {
        if (t.DataType != (int)TensorProto.Types.DataType.Float)
            throw new InvalidDataException($"{source}: initializer '{t.Name}' has data type {t.DataType}, expected float32");
        var shape = t.Dims.ToArray();
        float[] data;
        if (!t.RawData.IsEmpty)
        {
            data = new float[t.RawData.Length / sizeof(float)];
            Buffer.BlockCopy(t.RawData.ToByteArray(), 0, data, 0, t.RawData.Length);
        }
        else
        {
            data = t.FloatData.ToArray();
        }
        return tensor(data, shape, dtype: float32);
    }
}
