using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Engine.Vae;

/// <summary>Norm → SiLU → causal conv, twice, added to the input. The second conv starts at zero so a fresh block is the identity.</summary>
internal sealed class VaeResBlock : nn.Module<Tensor, Tensor>
{
    private readonly ChannelRmsNorm norm1;
    private readonly CausalConv3d conv1;
    private readonly ChannelRmsNorm norm2;
    private readonly CausalConv3d conv2;

    public VaeResBlock(string name, long channels) : base(name)
    {
        norm1 = new ChannelRmsNorm("norm1", channels);
        conv1 = new CausalConv3d("conv1", channels, channels);
        norm2 = new ChannelRmsNorm("norm2", channels);
        conv2 = new CausalConv3d("conv2", channels, channels);
        RegisterComponents();
        using (torch.no_grad())
        {
            conv2.Weight.zero_();
            conv2.Bias.zero_();
        }
    }

    public override Tensor forward(Tensor x)                             // (B, C, T, H, W)
    {
        var h = conv1.forward(nn.functional.silu(norm1.forward(x)));
        h = conv2.forward(nn.functional.silu(norm2.forward(h)));
        return x + h;
    }
}
