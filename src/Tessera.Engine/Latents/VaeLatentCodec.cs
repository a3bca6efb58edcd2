using TorchSharp;
using Tessera.Engine.Vae;
using static TorchSharp.torch;

namespace Tessera.Engine.Latents;

/// <summary>The trained video VAE as the DiT's latent codec (deterministic: the posterior mean).</summary>
public sealed class VaeLatentCodec(VideoVae vae, Device device) : IVideoLatentCodec, IDisposable
{
    public int TimeFactor => vae.Config.TimeFactor;
    public int SpaceFactor => vae.Config.SpaceFactor;
    public int LatentChannels => vae.Config.LatentChannels;

    public static VaeLatentCodec Load(string path, Device device)
    {
        var vae = VideoVae.Load(path, device.type == DeviceType.CUDA ? "cuda" : "cpu");
        vae.eval();
        return new VaeLatentCodec(vae, device);
    }

    public Tensor Encode(Tensor video)
    {
        using var _ = torch.no_grad();
        return vae.Encode(video.to(device)).to(CPU);
    }

    public Tensor Decode(Tensor latents)
    {
        using var _ = torch.no_grad();
        return vae.Decode(latents.to(device)).to(CPU);
    }

    /// <summary>Identifies the VAE file for the latent cache: same length and first/last bytes' hash → same latents.</summary>
    public static string Identify(string path)
    {
        using var stream = File.OpenRead(path);
        using var sha = System.Security.Cryptography.SHA256.Create();
        return Convert.ToHexString(sha.ComputeHash(stream))[..16].ToLowerInvariant();
    }

    public void Dispose() => vae.Dispose();
}
