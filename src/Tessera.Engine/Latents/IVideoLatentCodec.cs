using static TorchSharp.torch;

namespace Tessera.Engine.Latents;

/// <summary>
/// Maps pixel video to the latent space the DiT works in and back. The shipped implementation is the
/// video VAE (<see cref="VaeLatentCodec"/>); tests use a lossless space-to-depth stand-in so the DiT
/// pipeline can be checked without a trained VAE.
/// </summary>
public interface IVideoLatentCodec
{
    /// <summary>Pixel frames per latent frame after the first (the first frame is encoded alone).</summary>
    int TimeFactor { get; }
    /// <summary>Pixels per latent cell along each side.</summary>
    int SpaceFactor { get; }
    int LatentChannels { get; }

    /// <summary>(B, 3, 1 + f·k, H, W) in [−1, 1] → (B, C, 1 + k, H/s, W/s).</summary>
    Tensor Encode(Tensor video);

    /// <summary>(B, C, 1 + k, h, w) → (B, 3, 1 + f·k, h·s, w·s) in [−1, 1].</summary>
    Tensor Decode(Tensor latents);
}
