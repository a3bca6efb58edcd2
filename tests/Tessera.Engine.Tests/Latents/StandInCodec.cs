using Tessera.Engine.Latents;
using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Engine.Tests.Latents;

/// <summary>
/// A VAE stand-in for DiT tests (never shipped): frame 0 alone, then each group of 4 frames averaged,
/// and 4×4 pixel blocks averaged; decoding repeats them. Same shapes and frame layout as the real VAE,
/// so the DiT pipeline is tested without waiting for a trained one.
/// </summary>
public sealed class StandInCodec : IVideoLatentCodec
{
    public int TimeFactor => 4;
    public int SpaceFactor => 4;
    public int LatentChannels => 3;

    public Tensor Encode(Tensor video)
    {
        var first = video.narrow(2, 0, 1);                                                   // (B, 3, 1, H, W)
        var rest = video.shape[2] > 1
            ? nn.functional.avg_pool3d(video.narrow(2, 1, video.shape[2] - 1), [4, 1, 1])  // (B, 3, k, H, W)
            : null;
        var frames = rest is null ? first : torch.cat([first, rest], dim: 2);
        return nn.functional.avg_pool3d(frames, [1, 4, 4]);
    }

    public Tensor Decode(Tensor latents)
    {
        var up = latents.repeat_interleave(4, dim: 3).repeat_interleave(4, dim: 4);         // (B, C, 1 + k, H, W)
        var first = up.narrow(2, 0, 1);
        if (latents.shape[2] == 1) return first.clamp(-1, 1);
        return torch.cat([first, up.narrow(2, 1, up.shape[2] - 1).repeat_interleave(4, dim: 2)], dim: 2).clamp(-1, 1);
    }
}
