using System.Text.Json.Serialization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FacetCL.Factors;

#pragma warning disable IDE1006 // naming: parameter names are the saved tensor names

/// <summary>Shape of a model's semantic tensor (stored in the model folder's <c>facetcl.json</c>).</summary>
public sealed record SemanticTensorConfig
{
    /// <summary>Size of each factor vector.</summary>
    [JsonPropertyName("factor_dim")] public int FactorDim { get; init; } = 32;
    /// <summary>Transformer layers (1-based) that get factor heads; empty = every layer.</summary>
    [JsonPropertyName("layers")] public int[] Layers { get; init; } = [];
    /// <summary>Width of the gated attention that fuses a factor's per-layer vectors.</summary>
    [JsonPropertyName("gate_dim")] public int GateDim { get; init; } = 32;
    /// <summary>Role-aware position signal (<see cref="RoleSignal"/>) on the input embeddings.</summary>
    [JsonPropertyName("roles")] public bool Roles { get; init; } = true;
    /// <summary>Initial role scales: subject, predicate, object (other is 0, fixed).</summary>
    [JsonPropertyName("role_scales")] public double[] RoleScales { get; init; } = [0.85, 0.92, 0.78];
    [JsonPropertyName("learnable_role_scales")] public bool LearnableRoleScales { get; init; } = true;

    /// <summary>The 1-based layers with heads for an encoder of <paramref name="layerCount"/> layers.</summary>
    public int[] LayersOf(int layerCount)
    {
        var layers = Layers.Length == 0 ? Enumerable.Range(1, layerCount).ToArray() : Layers.Distinct().Order().ToArray();
        foreach (var l in layers)
            if (l < 1 || l > layerCount) throw new ArgumentException($"semantic tensor: layer {l} does not exist (the encoder has {layerCount} layers)");
        return layers;
    }

    public void Validate(int layerCount)
    {
        if (FactorDim < 1) throw new ArgumentException("semantic tensor: factor_dim must be positive");
        if (GateDim < 1) throw new ArgumentException("semantic tensor: gate_dim must be positive");
        if (RoleScales.Length != RoleSignal.SignalRoles) throw new ArgumentException("semantic tensor: role_scales needs three values (subject, predicate, object)");
        LayersOf(layerCount);
    }
}

/// <summary>What <see cref="FactorHeads"/> computes for a batch (F factors, L head layers, B texts, d dims).</summary>
/// <param name="Fused">[F, B, d]: each factor's vector, its per-layer vectors fused by the gates</param>
/// <param name="PerLayer">[F, L, B, d]: each (factor, layer) head's vector</param>
/// <param name="Gates">[F, B, L]: each factor's attention over layers (rows sum to 1)</param>
public sealed record FactorOutput(Tensor Fused, Tensor PerLayer, Tensor Gates);

/// <summary>
/// The factor heads of the semantic tensor (DESIGN.md, "Structural disentanglement"). For every chosen
/// transformer layer l and factor f, a light linear head maps the layer's mean-pooled hidden state
/// <c>h_l</c> (over real tokens) to a small factor vector <c>v_fl = W_fl·h_l + b_fl</c>. A gated attention
/// over layers fuses each factor's vectors (additive attention, Bahdanau et al. 2015):
/// <c>s_fl = u_fᵀ tanh(G_f v_fl + c_f)</c>, <c>α_f = softmax_l(s_f)</c>, <c>z_f = Σ_l α_fl v_fl</c>, so
/// each text decides which depths carry a factor (syntax low, sentiment high, say). All F·L heads are
/// one batched tensor product, cheap next to the encoder.
/// </summary>
public sealed class FactorHeads : Module<Tensor[], Tensor, FactorOutput>
{
    readonly Parameter head_weight; // [F, L, H, d]
    readonly Parameter head_bias;   // [F, L, d]
    readonly Parameter gate_weight; // [F, d, a]
    readonly Parameter gate_bias;   // [F, a]
    readonly Parameter gate_vector; // [F, a]

    public SemanticTensorConfig Config { get; }
    /// <summary>0-based indices of the encoder layers that have heads.</summary>
    public int[] LayerIndices { get; }
    public int FactorCount => FactorKinds.Count;

    public FactorHeads(int hidden, int layerCount, SemanticTensorConfig config) : base("FactorHeads")
    {
        config.Validate(layerCount);
        Config = config;
        LayerIndices = config.LayersOf(layerCount).Select(l => l - 1).ToArray();
        int f = FactorKinds.Count, l = LayerIndices.Length, d = config.FactorDim, a = config.GateDim;
        // nn.Linear's default initialisation: U(−1/√fan_in, 1/√fan_in) for weights.
        head_weight = new Parameter(Uniform([f, l, hidden, d], 1.0 / Math.Sqrt(hidden)));
        head_bias = new Parameter(torch.zeros(f, l, d));
        gate_weight = new Parameter(Uniform([f, d, a], 1.0 / Math.Sqrt(d)));
        gate_bias = new Parameter(torch.zeros(f, a));
        // Zero scoring vector: the gates start uniform over layers and learn from there.
        gate_vector = new Parameter(torch.zeros(f, a));
        RegisterComponents();
    }

    static Tensor Uniform(long[] shape, double bound) => torch.rand(shape) * (2 * bound) - bound;

    /// <param name="layerOutputs">every encoder layer's hidden states [B, S, H], first to last</param>
    /// <param name="attentionMask">[B, S], 1 for tokens</param>
    public override FactorOutput forward(Tensor[] layerOutputs, Tensor attentionMask)
    {
        using var scope = NewDisposeScope();
        var pooled = stack(LayerIndices.Select(i => Model.Pooling.MeanPool(layerOutputs[i], attentionMask)).ToArray()); // [L, B, H]
        var perLayer = einsum("lbh,flhd->flbd", pooled, head_weight) + head_bias.unsqueeze(2);
        var scores = einsum("flba,fa->fbl", tanh(einsum("flbd,fda->flba", perLayer, gate_weight) + gate_bias.unsqueeze(1).unsqueeze(1)), gate_vector);
        var gates = scores.softmax(-1);
        var fused = einsum("fbl,flbd->fbd", gates, perLayer);
        return new FactorOutput(fused.MoveToOuterDisposeScope(), perLayer.MoveToOuterDisposeScope(), gates.MoveToOuterDisposeScope());
    }
}
