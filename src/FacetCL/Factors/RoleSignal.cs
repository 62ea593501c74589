using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FacetCL.Factors;

#pragma warning disable IDE1006 // naming: parameter names are the saved tensor names

/// <summary>
/// Role-aware position signal (DESIGN.md, "Engineering parts"): a learned embedding per token role
/// (<see cref="Anchors.TokenRole"/>: other, subject, predicate, object), scaled per role and added to
/// the encoder's summed input embeddings before their LayerNorm:
/// <c>e'_t = e_t + s[r_t] · R[r_t]</c>, with <c>s</c> = (subject 0.85, predicate 0.92, object 0.78) at the
/// start (configurable, learnable) and no offset at all for "other" (the design's weight 0, fixed).
/// <para>
/// Because "other" adds nothing, a text without roles (all "other") gets
/// exactly the pretrained encoder's input: the encoder still serves where no parse is available (plain
/// exports, texts that failed to parse). Role dropout in training (<c>semantic_tensor.role_dropout</c> of the training config)
/// makes it work well both ways.
/// </para>
/// </summary>
public sealed class RoleSignal : Module<Tensor, Tensor>
{
    /// <summary>Roles with a signal: subject, predicate, object (ids 1–3; 0 = other).</summary>
    public const int SignalRoles = 3;
    readonly Parameter role_embeddings;
    readonly Parameter role_scale;

    /// <param name="initialScales">subject, predicate, object</param>
    public RoleSignal(int hidden, IReadOnlyList<double> initialScales, bool learnableScales) : base("RoleSignal")
    {
        if (initialScales.Count != SignalRoles) throw new ArgumentException($"one scale per role ({SignalRoles}: subject, predicate, object) is needed");
        // BERT's initialisation for embeddings, N(0, 0.02): small next to the pretrained word vectors.
        role_embeddings = new Parameter(torch.randn(SignalRoles, hidden) * 0.02);
        role_scale = new Parameter(torch.tensor(initialScales.Select(v => (float)v).ToArray()), requires_grad: learnableScales);
        RegisterComponents();
    }

    /// <summary>The current per-role scales (subject, predicate, object).</summary>
    public float[] Scales
    {
        get
        {
            using var noGrad = torch.no_grad();
            return role_scale.detach().cpu().data<float>().ToArray();
        }
    }

    /// <param name="roleIds">[batch, seq] int64 role ids (0 = other)</param>
    /// <returns>the additive offset [batch, seq, hidden]</returns>
    public override Tensor forward(Tensor roleIds)
    {
        using var scope = NewDisposeScope();
        if (roleIds.numel() > 0 && (roleIds.min().item<long>() < 0 || roleIds.max().item<long>() > SignalRoles))
            throw new ArgumentException($"role ids must be 0 (other) to {SignalRoles}");
        // Row r−1 holds role r; "other" (0) is clamped onto row 0 and then masked to nothing.
        var index = (roleIds - 1).clamp_min(0).flatten();
        var scale = role_scale.index_select(0, index).view(roleIds.shape[0], roleIds.shape[1], 1);
        var offset = role_embeddings.index_select(0, index).view(roleIds.shape[0], roleIds.shape[1], -1) * scale;
        return offset.masked_fill(roleIds.eq(0).unsqueeze(-1), 0).MoveToOuterDisposeScope();
    }
}
