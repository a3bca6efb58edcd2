using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Engine.Vae;

/// <summary>
/// Halves time causally: the first frame stays alone (so stills and clips share one latent space), each
/// following pair of frames is stacked on channels and mixed by a 1×1×1 conv. Optionally halves space too
/// (space-to-depth). T = 1 + 2m → 1 + m.
/// </summary>
internal sealed class TemporalDownsample : nn.Module<Tensor, Tensor>
{
    private readonly CausalConv3d proj;
    private readonly bool _space;

    public TemporalDownsample(string name, long inChannels, long outChannels, bool alsoSpace) : base(name)
    {
        _space = alsoSpace;
        var c = inChannels * (alsoSpace ? 4 : 1);
        proj = new CausalConv3d("proj", 2 * c, outChannels, timeKernel: 1, spaceKernel: 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)                             // (B, C, 1+2m, H, W)
    {
        if (_space) x = SpaceToDepth.Pack(x, 2);                        // (B, 4C, 1+2m, H/2, W/2)
        var (b, c, t, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3], x.shape[4]);
        var first = x.narrow(2, 0, 1);
        var stacked = torch.cat([first, first], 1);                     // (B, 2C, 1, H, W)
        if (t > 1)
        {
            var m = (t - 1) / 2;
            var pairs = x.narrow(2, 1, t - 1)
                .reshape(b, c, m, 2, h, w)                              // (B, C, m, 2, H, W)
                .permute(0, 3, 1, 2, 4, 5)                              // (B, 2, C, m, H, W)
                .reshape(b, 2 * c, m, h, w);                            // (B, 2C, m, H, W)
            stacked = torch.cat([stacked, pairs], 2);                   // (B, 2C, 1+m, H, W)
        }
        return proj.forward(stacked);
    }
}
