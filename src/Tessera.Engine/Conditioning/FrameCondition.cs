using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Engine.Conditioning;

/// <summary>
/// Which latent frames are given rather than generated. The condition latents (zeros elsewhere) and a
/// 0/1 mask are concatenated to the noisy latents along channels, as in the PhyWorld paper and
/// Open-Sora's i2v modes. Frames listed in <see cref="ExactFrames"/> are pasted back after sampling
/// because they encode exactly what the user gave (a first frame, or whole 4-frame groups of a context clip).
/// </summary>
/// <param name="Latents">(B, C, T, H, W) condition latents, zero where not given.</param>
/// <param name="Mask">(B, 1, T, H, W) 1 where given.</param>
/// <param name="ExactFrames">Latent frame indices to paste back after sampling.</param>
/// <param name="Stills">(B, S·(C + 1), T, H, W) context frames given one by one as stills (<see cref="ContextStills"/>), for a
/// model made with context stills; null: none given (such a model then sees zeros).</param>
/// <param name="Pixels">(B, S·(3s² + 1), T, H, W) context frames as pixels on the latent grid (<see cref="ContextPixels"/>), for a
/// model made with context pixels; null: none given (such a model then sees zeros).</param>
public sealed record FrameCondition(Tensor Latents, Tensor Mask, IReadOnlyList<int> ExactFrames, Tensor? Stills = null, Tensor? Pixels = null)
{
    /// <summary>No frame given: text-to-video.</summary>
    public static FrameCondition None(long batch, long channels, long frames, long height, long width, Device? device = null) =>
        new(torch.zeros([batch, channels, frames, height, width], device: device),
            torch.zeros([batch, 1, frames, height, width], device: device), []);

    /// <summary>The input of a DiT made with <paramref name="config"/>: (B, 2C + 1, T, H, W), then its context stills' and
    /// context pixels' channels if it reads them — zeros where this condition gives none; left out for a model without them
    /// (an autoguidance guide made before them), so one condition serves the model and its guide.</summary>
    public Tensor Input(Tensor noisy, Dit.DitConfig config)
    {
        var parts = new List<Tensor> { noisy, Latents, Mask };
        if (config.StillChannels > 0) parts.Add(Part(Stills, config.StillChannels, "context stills", noisy));
        if (config.PixelChannels > 0) parts.Add(Part(Pixels, config.PixelChannels, "context pixels", noisy));
        return torch.cat(parts, dim: 1);
    }

    private static Tensor Part(Tensor? given, int channels, string what, Tensor noisy)
    {
        if (given is null) return torch.zeros([noisy.shape[0], channels, noisy.shape[2], noisy.shape[3], noisy.shape[4]], noisy.dtype, noisy.device);
        if (given.shape[1] != channels) throw new ArgumentException($"the condition's {what} have {given.shape[1]} channels; the model reads {channels}");
        return given;
    }

    /// <summary>The same condition on <paramref name="device"/>.</summary>
    public FrameCondition To(Device device) => new(Latents.to(device), Mask.to(device), ExactFrames, Stills?.to(device), Pixels?.to(device));

    /// <summary>Replaces the exact frames of <paramref name="latents"/> with the condition's.</summary>
    public Tensor PasteExact(Tensor latents)
    {
        if (ExactFrames.Count == 0) return latents;
        var result = latents.clone();
        foreach (var f in ExactFrames) result[.., .., f] = Latents[.., .., f];
        return result;
    }
}

/// <summary>The conditioning modes one model is trained on, with a training-time mix.</summary>
public enum ConditionMode { None, FirstFrame, FirstAndLast, Context }

/// <summary>
/// Where condition latents come from, in latent frames, for a VAE that encodes frame 0 alone and then
/// groups of <c>timeFactor</c> frames. A context of N frames covers latent frames 0 … ⌈(N − 1)/f⌉; the
/// last, partly covered group is encoded from the context with its last frame held (repeated), which
/// is exactly what training sees.
/// </summary>
public static class ConditionLayout
{
    /// <summary>Latent frames that a context of <paramref name="contextFrames"/> pixel frames conditions.</summary>
    public static int ContextLatentFrames(int contextFrames, int timeFactor) =>
        1 + (contextFrames - 1 + timeFactor - 1) / timeFactor;

    /// <summary>Latent frames wholly made of real context frames (safe to paste back).</summary>
    public static int ExactContextLatentFrames(int contextFrames, int timeFactor) =>
        1 + (contextFrames - 1) / timeFactor;

    /// <summary>Pixel frames of a clip whose latent has <paramref name="latentFrames"/> frames.</summary>
    public static int PixelFrames(int latentFrames, int timeFactor) => 1 + (latentFrames - 1) * timeFactor;

    /// <summary>Latent frames needed for at least <paramref name="pixelFrames"/> frames (1 + 4k ≥ N).</summary>
    public static int LatentFrames(int pixelFrames, int timeFactor) => 1 + (pixelFrames - 1 + timeFactor - 1) / timeFactor;
}
