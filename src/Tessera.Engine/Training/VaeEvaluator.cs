using Tessera.Engine.Data;
using Tessera.Engine.Vae;
using Tessera.Media;
using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Engine.Training;

/// <summary>Scores a VAE on whole clips it never trained on, and measures its latent statistics.</summary>
public static class VaeEvaluator
{
    /// <summary>Whole clips cut to the longest 1 + 4k frames the VAE accepts.</summary>
    public static int UsableFrames(int frames, int timeFactor) => 1 + (frames - 1) / timeFactor * timeFactor;

    /// <summary>Mean PSNR (dB, 8-bit) of encode → decode (posterior mean) over the first <paramref name="clips"/> clips.</summary>
    public static double HeldOutPsnr(VideoVae vae, DecodedClipCache data, int clips)
    {
        var n = Math.Min(clips, data.Count);
        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            var original = Usable(data, i, vae.Config);
            var recon = Reconstruct(vae, original, data.Dataset.Width, data.Dataset.Height);
            total += ClipPsnr(original, recon);
        }
        return total / n;
    }

    /// <summary>Frames → the VAE → frames, under no_grad.</summary>
    public static byte[][] Reconstruct(VideoVae vae, IReadOnlyList<byte[]> frames, int width, int height)
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        var video = VideoTensors.FromRgb(frames, width, height).to(vae.Device);
        return VideoTensors.ToRgb(vae.Decode(vae.Encode(video)));
    }

    /// <summary>PSNR over all frames of a clip together.</summary>
    public static double ClipPsnr(IReadOnlyList<byte[]> a, IReadOnlyList<byte[]> b) =>
        ImageQuality.Psnr(a.SelectMany(f => f).ToArray(), b.SelectMany(f => f).ToArray());

    /// <summary>Mean and standard deviation of the posterior means over some clips (unscaled latent space).</summary>
    public static (double Mean, double Std) LatentStatistics(VideoVae vae, DecodedClipCache data, int clips)
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        var n = Math.Min(clips, data.Count);
        var latents = new List<Tensor>();
        for (var i = 0; i < n; i++)
        {
            var video = VideoTensors.FromRgb(Usable(data, i, vae.Config), data.Dataset.Width, data.Dataset.Height)
                .to(vae.Device);
            latents.Add(vae.Moments(video).Mean.flatten());
        }
        var all = torch.cat(latents);
        return (all.mean().item<float>(), all.std().item<float>());
    }

    private static byte[][] Usable(DecodedClipCache data, int index, VaeConfig config) =>
        data.Frames(index)[..UsableFrames(data.Dataset.Frames, config.TimeFactor)];
}
