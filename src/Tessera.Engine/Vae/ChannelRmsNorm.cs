using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Tessera.Engine.Vae;

/// <summary>
/// RMS normalisation over channels at each (frame, pixel). Unlike GroupNorm it never mixes frames,
/// so the network stays causal and chunked decoding matches whole-clip decoding exactly.
/// </summary>
internal sealed class ChannelRmsNorm : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;

    public ChannelRmsNorm(string name, long channels) : base(name)
    {
        weight = nn.Parameter(torch.ones(channels));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)                             // (B, C, T, H, W)
    {
        var rms = (x * x).mean([1], keepdim: true).add(HeldScalars.Of(1e-6), HeldScalars.Of(1)).rsqrt(); // (B, 1, T, H, W)
        return x * rms * weight.view(1, -1, 1, 1, 1);
    }
}
