using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Engine.Vae;

/// <summary>
/// Doubles time, mirroring <see cref="TemporalDownsample"/>: a 1×1×1 conv makes two frames' worth of
/// channels per latent frame, except the very first latent frame, which yields one frame. Optionally
/// doubles space too (depth-to-space). T = 1 + m → 1 + 2m. When streaming, only the first chunk holds
/// the first frame; later chunks yield two frames for every latent frame.
/// </summary>
internal sealed class TemporalUpsample : nn.Module<Tensor, Tensor>, IStreamingState
{
    private readonly CausalConv3d proj;
    private readonly bool _space;
    private readonly long _outChannels;
    private bool _streaming;
    private bool _firstDone;

    public TemporalUpsample(string name, long inChannels, long outChannels, bool alsoSpace) : base(name)
    {
        _space = alsoSpace;
        _outChannels = outChannels * (alsoSpace ? 4 : 1);
        proj = new CausalConv3d("proj", inChannels, 2 * _outChannels, timeKernel: 1, spaceKernel: 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)                             // (B, C, n, H, W)
    {
        var y = proj.forward(x);                                        // (B, 2C', n, H, W)
        var (b, t, h, w) = (y.shape[0], y.shape[2], y.shape[3], y.shape[4]);
        var c = _outChannels;
        var holdsFirst = !_streaming || !_firstDone;
        if (_streaming) _firstDone = true;
        Tensor? first = holdsFirst ? y.narrow(1, 0, c).narrow(2, 0, 1) : null;   // (B, C', 1, H, W)
        var rest = holdsFirst ? y.narrow(2, 1, t - 1) : y;
        var n = rest.shape[2];
        Tensor output;
        if (n == 0) output = first!;
        else
        {
            var pairs = rest.reshape(b, 2, c, n, h, w)                   // (B, 2, C', n, H, W)
                .permute(0, 2, 3, 1, 4, 5)                              // (B, C', n, 2, H, W)
                .reshape(b, c, 2 * n, h, w);                            // (B, C', 2n, H, W)
            output = first is null ? pairs : torch.cat([first, pairs], 2);
        }
        return _space ? SpaceToDepth.Unpack(output, 2) : output;
    }

    public void ResetStream(bool streaming)
    {
        _streaming = streaming;
        _firstDone = false;
    }
}
