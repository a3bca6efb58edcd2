using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Tessera.Engine.Vae;

/// <summary>Latents (B, L, 1+k, h, w) → video (B, 3, 1+4k, h·s, w·s), unclamped. Every layer is causal in time.</summary>
internal sealed class VaeDecoder : nn.Module<Tensor, Tensor>
{
    private readonly VaeConfig _config;
    private readonly CausalConv3d conv_in;
    private readonly ModuleList<VaeResBlock> level2;
    private readonly TemporalUpsample up2;
    private readonly ModuleList<VaeResBlock> level1;
    private readonly TemporalUpsample up1;
    private readonly ModuleList<VaeResBlock> level0;
    private readonly ChannelRmsNorm norm_out;
    private readonly CausalConv3d conv_out;

    public VaeDecoder(string name, VaeConfig config) : base(name)
    {
        _config = config;
        var (c, mid, p) = (config.Channels, config.MidChannels, config.Patch);
        conv_in = new CausalConv3d("conv_in", config.LatentChannels, mid);
        level2 = VaeEncoder.Blocks(mid, config.BlocksPerLevel);
        up2 = new TemporalUpsample("up2", mid, mid, alsoSpace: config.SpaceDowns >= 2);
        level1 = VaeEncoder.Blocks(mid, config.BlocksPerLevel);
        up1 = new TemporalUpsample("up1", mid, c, alsoSpace: config.SpaceDowns >= 1);
        level0 = VaeEncoder.Blocks(c, config.BlocksPerLevel);
        norm_out = new ChannelRmsNorm("norm_out", c);
        conv_out = new CausalConv3d("conv_out", c, 3 * p * p);
        RegisterComponents();
    }

    public override Tensor forward(Tensor z)                             // (B, L, 1+k, h, w)
    {
        var h = conv_in.forward(z);                                      // (B, mid, 1+k, h, w)
        foreach (var b in level2) h = b.forward(h);
        h = up2.forward(h);                                              // (B, mid, 1+2k, …)
        foreach (var b in level1) h = b.forward(h);
        h = up1.forward(h);                                              // (B, C, 1+4k, …)
        foreach (var b in level0) h = b.forward(h);
        h = conv_out.forward(nn.functional.silu(norm_out.forward(h)));   // (B, 3p², 1+4k, H/p, W/p)
        return SpaceToDepth.Unpack(h, _config.Patch);                    // (B, 3, 1+4k, H, W)
    }
}
