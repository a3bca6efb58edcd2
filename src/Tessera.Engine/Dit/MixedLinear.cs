using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Tessera.Engine.Dit;

/// <summary>
/// A linear layer whose f32 weights are cast to the shared <see cref="ComputePrecision"/> for the
/// matmul; the output keeps that dtype (callers cast back to f32 where the residual stream needs it).
/// Gradients flow through the casts into the f32 master weights.
/// </summary>
public sealed class MixedLinear : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter? bias;
    private readonly ComputePrecision _precision;

    public long InFeatures { get; }
    public long OutFeatures { get; }

    public MixedLinear(long inFeatures, long outFeatures, ComputePrecision precision, bool hasBias = true) : base("MixedLinear")
    {
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        _precision = precision;
        weight = new Parameter(torch.empty(outFeatures, inFeatures));
        bias = hasBias ? new Parameter(torch.zeros(outFeatures)) : null;
        nn.init.xavier_uniform_(weight);
        RegisterComponents();
    }

    public Parameter Weight => weight;
    public Parameter? Bias => bias;

    /// <summary>
    /// An explicit matmul instead of F.linear: measured here (libtorch 2.x CPU, bf16, tiny preset, batch 16,
    /// one thread) it halves a training step (1.45 s vs 3.0 s) and a no-grad forward (0.6 s vs 1.4–2.1 s).
    /// TESSERA_LINEAR=linear switches back, for measuring.
    /// </summary>
    public static bool UseMatmul { get; set; } = Environment.GetEnvironmentVariable("TESSERA_LINEAR") != "linear";

    public override Tensor forward(Tensor input)
    {
        var type = _precision.Type;
        var x = input.to_type(type);
        var w = type == ScalarType.Float32 ? (Tensor)weight : weight.to_type(type);
        var b = bias is null ? null : type == ScalarType.Float32 ? (Tensor)bias : bias.to_type(type);
        if (!UseMatmul) return nn.functional.linear(x, w, b);
        var y = torch.matmul(x, w.t());
        return b is null ? y : y.add_(b);
    }
}
