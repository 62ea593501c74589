using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FacetCL.Model;

/// <summary>
/// Runs a BERT ONNX file with ONNX Runtime: the independent reference for the TorchSharp encoder
/// (parity checks, the benchmark's throughput comparison, and checks of exported models).
/// Accepts files with a <c>last_hidden_state</c> output (pooled here) or a <c>sentence_embedding</c> output.
/// </summary>
public sealed class OnnxRuntimeEncoder : IDisposable
{
    readonly InferenceSession session;
    readonly WordPieceTokenizer tokenizer;
    readonly bool hasTokenTypes;
    readonly bool hasRoleIds;

    public OnnxRuntimeEncoder(string onnxPath, WordPieceTokenizer tokenizer, int threads = 0)
    {
        // Errors only: the optional role_ids input of facetcl's export (an input with a default) draws a
        // warning at every load that is expected and tells the user nothing.
        var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        if (threads > 0) options.IntraOpNumThreads = threads;
        session = new InferenceSession(onnxPath, options);
        this.tokenizer = tokenizer;
        hasTokenTypes = session.InputMetadata.ContainsKey("token_type_ids");
        // An input with a default (an initializer of the same name) is listed as an overridable initializer.
        hasRoleIds = session.InputMetadata.ContainsKey("role_ids") || session.OverridableInitializerMetadata.ContainsKey("role_ids");
    }

    /// <summary>The file takes token role ids (an optional <c>role_ids</c> input of facetcl's export).</summary>
    public bool AcceptsRoles => hasRoleIds;

    /// <summary>Last hidden states [batch, seq, hidden] flattened, with the shape.</summary>
    public (float[] Values, int[] Shape) LastHidden(IReadOnlyList<int[]> encoded)
    {
        using var results = Run(encoded, out _);
        var output = results.First(r => r.Name == "last_hidden_state").AsTensor<float>();
        return (output.ToArray(), output.Dimensions.ToArray());
    }

    /// <summary>Mean-pooled, L2-normalised embeddings, in input order.</summary>
    /// <param name="tokenRoles">per text, role ids of its tokens (fed as <c>role_ids</c>), or null to leave that input out</param>
    public float[][] Encode(IReadOnlyList<string> texts, int batchSize = 64, int maxLength = 256, IReadOnlyList<int[]>? tokenRoles = null)
    {
        if (tokenRoles is not null && !hasRoleIds) throw new ArgumentException("this ONNX file has no role_ids input");
        var encoded = texts.Select(t => tokenizer.Encode(t, maxLength)).ToArray();
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => encoded[i].Length).ToArray();
        var result = new float[texts.Count][];
        for (var start = 0; start < order.Length; start += batchSize)
        {
            var idx = order.Skip(start).Take(batchSize).ToArray();
            var batch = idx.Select(i => encoded[i]).ToList();
            using var results = Run(batch, out var mask, tokenRoles is null ? null : idx.Select(i => tokenRoles[i]).ToList());
            var sentence = results.FirstOrDefault(r => r.Name == "sentence_embedding");
            float[][] rows = sentence is not null ? Rows(sentence.AsTensor<float>()) : Pool(results.First(r => r.Name == "last_hidden_state").AsTensor<float>(), mask);
            for (var r = 0; r < idx.Length; r++) result[idx[r]] = rows[r];
        }
        return result;
    }

    IDisposableReadOnlyCollection<DisposableNamedOnnxValue> Run(IReadOnlyList<int[]> encoded, out long[,] mask, IReadOnlyList<int[]>? roles = null)
    {
        var length = encoded.Max(e => e.Length);
        var ids = new DenseTensor<long>([encoded.Count, length]);
        var attention = new DenseTensor<long>([encoded.Count, length]);
        var types = new DenseTensor<long>([encoded.Count, length]);
        var roleIds = new DenseTensor<long>([encoded.Count, length]);
        mask = new long[encoded.Count, length];
        for (var r = 0; r < encoded.Count; r++)
            for (var c = 0; c < length; c++)
            {
                var real = c < encoded[r].Length;
                ids[r, c] = real ? encoded[r][c] : tokenizer.PadId;
                attention[r, c] = real ? 1 : 0;
                mask[r, c] = real ? 1 : 0;
                if (roles is not null && real && c < roles[r].Length) roleIds[r, c] = roles[r][c];
            }
        var inputs = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor("input_ids", ids),
            NamedOnnxValue.CreateFromTensor("attention_mask", attention),
        };
        if (hasTokenTypes) inputs.Add(NamedOnnxValue.CreateFromTensor("token_type_ids", types));
        if (roles is not null) inputs.Add(NamedOnnxValue.CreateFromTensor("role_ids", roleIds));
        return session.Run(inputs);
    }

    static float[][] Rows(Tensor<float> t)
    {
        var n = t.Dimensions[0];
        var d = t.Dimensions[1];
        var rows = new float[n][];
        for (var r = 0; r < n; r++)
        {
            rows[r] = new float[d];
            for (var c = 0; c < d; c++) rows[r][c] = t[r, c];
        }
        return rows;
    }

    static float[][] Pool(Tensor<float> hidden, long[,] mask)
    {
        int n = hidden.Dimensions[0], len = hidden.Dimensions[1], d = hidden.Dimensions[2];
        var rows = new float[n][];
        for (var r = 0; r < n; r++)
        {
            var sum = new double[d];
            var count = 0;
            for (var t = 0; t < len; t++)
            {
                if (mask[r, t] == 0) continue;
                count++;
                for (var c = 0; c < d; c++) sum[c] += hidden[r, t, c];
            }
            var norm = Math.Sqrt(sum.Sum(v => (v / count) * (v / count)));
            rows[r] = sum.Select(v => (float)(v / count / Math.Max(norm, 1e-12))).ToArray();
        }
        return rows;
    }

    public void Dispose() => session.Dispose();
}
