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

    public override Tensor forward(Tensor input)
    {
        var type = _precision.Type;
        if (type == ScalarType.Float32)
            return nn.functional.linear(input.to_type(ScalarType.Float32), weight, bias);
        return nn.functional.linear(input.to_type(type), weight.to_type(type), bias?.to_type(type));
    }
}
