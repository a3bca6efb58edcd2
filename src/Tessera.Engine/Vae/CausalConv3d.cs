using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Tessera.Engine.Vae;

/// <summary>Modules that carry state between temporal chunks when decoding a long clip piece by piece.</summary>
internal interface IStreamingState
{
    /// <summary>Drops any carried state; <paramref name="streaming"/> turns chunk-to-chunk carrying on or off.</summary>
    void ResetStream(bool streaming);
}

/// <summary>
/// A 3D convolution that never looks at future frames: time is padded only at the front, by repeating
/// the first frame (so a still image behaves like a frozen video). In streaming mode the last k−1 input
/// frames are kept and used as the front padding of the next chunk, so decoding chunk by chunk gives the
/// same frames as decoding the whole clip, with memory bounded by the chunk size.
/// </summary>
internal sealed class CausalConv3d : nn.Module<Tensor, Tensor>, IStreamingState
{
    private readonly Conv3d conv;
    private readonly long _timeKernel;
    private readonly long _spaceKernel;
    private Tensor? _carry;
    private bool _streaming;

    public CausalConv3d(string name, long inChannels, long outChannels, long timeKernel = 3, long spaceKernel = 3) : base(name)
    {
        _timeKernel = timeKernel;
        _spaceKernel = spaceKernel;
        conv = nn.Conv3d(inChannels, outChannels, (timeKernel, spaceKernel, spaceKernel),
            padding: (0, spaceKernel / 2, spaceKernel / 2));
        RegisterComponents();
    }

    public Parameter Weight => conv.weight!;
    public Parameter Bias => conv.bias!;

    public override Tensor forward(Tensor x)                              // (B, C, T, H, W)
    {
        var pad = _timeKernel - 1;
        if (pad == 0)
        {
            var direct = conv.forward(x);
            ConvFlopCounter.Add((double)direct.numel() * x.shape[1] * _spaceKernel * _spaceKernel);
            return direct;
        }
        var front = _streaming && _carry is not null
            ? _carry
            : x.narrow(2, 0, 1).expand(-1, -1, pad, -1, -1);            // (B, C, k−1, H, W)
        var padded = torch.cat([front, x], 2);                          // (B, C, k−1+T, H, W)
        if (_streaming)
        {
            _carry?.Dispose();
            _carry = padded.narrow(2, padded.shape[2] - pad, pad).detach().clone().DetachFromDisposeScope();
        }
        var y = conv.forward(padded);                                   // (B, C', T, H, W)
        ConvFlopCounter.Add((double)y.numel() * padded.shape[1] * _timeKernel * _spaceKernel * _spaceKernel);
        return y;
    }

    public void ResetStream(bool streaming)
    {
        _carry?.Dispose();
        _carry = null;
        _streaming = streaming;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) ResetStream(false);
        base.Dispose(disposing);
    }
}
