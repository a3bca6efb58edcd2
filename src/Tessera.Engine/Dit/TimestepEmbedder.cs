using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Engine.Dit;

/// <summary>Flow time t ∈ [0, 1] → a width-D vector: sin-cos features of 1000·t through a 2-layer MLP.</summary>
public sealed class TimestepEmbedder : nn.Module<Tensor, Tensor>
{
    private const int FrequencyDim = 256;
    private readonly MixedLinear fc1;
    private readonly MixedLinear fc2;

    public TimestepEmbedder(int width, ComputePrecision precision) : base("TimestepEmbedder")
    {
        fc1 = new MixedLinear(FrequencyDim, width, precision);
        fc2 = new MixedLinear(width, width, precision);
        RegisterComponents();
    }

    /// <param name="t">(B) flow times.</param>
    public override Tensor forward(Tensor t)
    {
        var features = Patches.SpacetimePositions.SinCos1D(FrequencyDim, t.to_type(ScalarType.Float32) * 1000);  // (B, 256)
        return fc2.forward(nn.functional.silu(fc1.forward(features))).to_type(ScalarType.Float32);                // (B, D)
    }
}
