using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Tessera.Engine.Vae;

/// <summary>Video (B, 3, 1+4k, H, W) → posterior moments (B, 2·latent, 1+k, H/s, W/s): mean then log-variance.</summary>
internal sealed class VaeEncoder : nn.Module<Tensor, Tensor>
{
    private readonly VaeConfig _config;
    private readonly CausalConv3d conv_in;
    private readonly ModuleList<VaeResBlock> level0;
    private readonly TemporalDownsample down1;
    private readonly ModuleList<VaeResBlock> level1;
    private readonly TemporalDownsample down2;
    private readonly ModuleList<VaeResBlock> level2;
    private readonly ChannelRmsNorm norm_out;
    private readonly CausalConv3d conv_out;

    public VaeEncoder(string name, VaeConfig config) : base(name)
    {
        _config = config;
        var (c, mid, p) = (config.Channels, config.MidChannels, config.Patch);
        conv_in = new CausalConv3d("conv_in", 3 * p * p, c);
        level0 = Blocks(c, config.BlocksPerLevel);
        down1 = new TemporalDownsample("down1", c, mid, alsoSpace: config.SpaceDowns >= 1);
        level1 = Blocks(mid, config.BlocksPerLevel);
        down2 = new TemporalDownsample("down2", mid, mid, alsoSpace: config.SpaceDowns >= 2);
        level2 = Blocks(mid, config.BlocksPerLevel);
        norm_out = new ChannelRmsNorm("norm_out", mid);
        conv_out = new CausalConv3d("conv_out", mid, 2 * config.LatentChannels);
        RegisterComponents();
    }

    internal static ModuleList<VaeResBlock> Blocks(long channels, int count) =>
        nn.ModuleList(Enumerable.Range(0, count).Select(i => new VaeResBlock($"block{i}", channels)).ToArray());

    public override Tensor forward(Tensor video)                         // (B, 3, T, H, W)
    {
        var h = conv_in.forward(SpaceToDepth.Pack(video, _config.Patch));  // (B, C, T, H/p, W/p)
        foreach (var b in level0) h = b.forward(h);
        h = down1.forward(h);                                            // (B, mid, 1+(T−1)/2, …)
        foreach (var b in level1) h = b.forward(h);
        h = down2.forward(h);                                            // (B, mid, 1+(T−1)/4, …)
        foreach (var b in level2) h = b.forward(h);
        return conv_out.forward(nn.functional.silu(norm_out.forward(h))); // (B, 2L, 1+k, H/s, W/s)
    }
}
