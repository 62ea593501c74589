using System.Buffers.Binary;
using Google.Protobuf;
using Onnx;
using static TorchSharp.torch;

namespace FacetCL.Export;

/// <summary>
/// Small helper over OnnxSharp's generated protobuf classes: appends nodes with generated output
/// names and float32 / int64 initializers, so <see cref="OnnxExporter"/> reads like the forward pass.
/// Generated names contain no '.', which keeps them apart from Hugging Face weight names
/// (<see cref="Model.OnnxWeights"/> relies on that when it reads a file back).
/// </summary>
internal sealed class OnnxGraphBuilder
{
    public GraphProto Graph { get; } = new();
    int counter;

    string Fresh(string hint) => $"{hint}_{counter++}";

    /// <summary>Adds a node and returns the name of its single output.</summary>
    public string Node(string op, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        var output = Fresh(op);
        var node = new NodeProto { OpType = op, Name = $"node_{output}" };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return output;
    }

    public string Node(string op, string input, params AttributeProto[] attributes) => Node(op, [input], attributes);

    /// <summary>A float32 weight under its own (Hugging Face) name; raw_data is little-endian as ONNX requires.</summary>
    public string Weight(string name, Tensor value)
    {
        using var cpu = value.detach().cpu().to(float32).contiguous();
        var data = cpu.data<float>().ToArray();
        var bytes = new byte[data.Length * sizeof(float)];
        for (var i = 0; i < data.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), data[i]);
        var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = UnsafeByteOperations.UnsafeWrap(bytes) };
        proto.Dims.AddRange(cpu.shape);
        Graph.Initializer.Add(proto);
        return name;
    }

    /// <summary>A float32 scalar constant.</summary>
    public string Scalar(float value)
    {
        var proto = new TensorProto { Name = Fresh("const_f"), DataType = (int)TensorProto.Types.DataType.Float };
        proto.FloatData.Add(value);
        Graph.Initializer.Add(proto);
        return proto.Name;
    }

    /// <summary>An int64 constant: a scalar when <paramref name="scalar"/>, else a 1-D vector.</summary>
    public string Int64s(long[] values, bool scalar = false)
    {
        if (scalar && values.Length != 1) throw new ArgumentException("a scalar holds one value", nameof(values));
        var proto = new TensorProto { Name = Fresh("const_i"), DataType = (int)TensorProto.Types.DataType.Int64 };
        proto.Int64Data.AddRange(values);
        if (!scalar) proto.Dims.Add(values.Length);
        Graph.Initializer.Add(proto);
        return proto.Name;
    }

    /// <summary>An int64 initializer under a given name and shape (e.g. the default of an optional input).</summary>
    public string NamedInt64s(string name, long[] values, long[] dims)
    {
        var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        proto.Int64Data.AddRange(values);
        proto.Dims.AddRange(dims);
        Graph.Initializer.Add(proto);
        return name;
    }

    public static AttributeProto Attr(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Attr(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Attr(string name, long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    /// <summary>A graph input or output; a dimension is a fixed size (long) or a symbolic name (string).</summary>
    public static ValueInfoProto Value(string name, TensorProto.Types.DataType type, params object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
            shape.Dim.Add(d is string symbol ? new TensorShapeProto.Types.Dimension { DimParam = symbol } : new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(d, System.Globalization.CultureInfo.InvariantCulture) });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
