using System.Globalization;
using Tessera.Engine.Checkpoints;
using Tessera.Engine.Native;
using Tessera.Media;
using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Engine.Vae;

/// <summary>
/// A causal video VAE (contracts §5): frames in [−1, 1] ↔ latents scaled to about unit variance.
/// Time ×4 with the first frame encoded alone (a still image is a 1-frame video), space ×<see cref="VaeConfig.SpaceFactor"/>,
/// KL-regularised Gaussian posterior. <c>forward</c> returns the reconstruction from the posterior mean.
/// </summary>
public sealed class VideoVae : nn.Module<Tensor, Tensor>
{
    public const string FormatName = "tessera-vae/1";

    private readonly VaeEncoder encoder;
    private readonly VaeDecoder decoder;

    public VaeConfig Config { get; }

    /// <summary>Where the weights live (inputs must be moved there).</summary>
    public Device Device => parameters().First().device;

    /// <summary>Latents are stored as (z − shift) · scale so the DiT sees about zero mean, unit variance.</summary>
    public double LatentShift { get; set; }
    public double LatentScale { get; set; } = 1;

    public VideoVae(VaeConfig config) : base("vae")
    {
        TorchNative.EnsureLoaded();
        Config = config;
        encoder = new VaeEncoder("encoder", config);
        decoder = new VaeDecoder("decoder", config);
        RegisterComponents();
    }

    public override Tensor forward(Tensor video) => DecodeUnscaled(Moments(video).Mean).clamp(HeldScalars.Of(-1), HeldScalars.Of(1));

    /// <summary>video (B, 3, 1+4k, H, W) in [−1, 1] → latents (B, C, 1+k, H/s, W/s), scaled to about unit variance.</summary>
    public Tensor Encode(Tensor video, bool sample = false)
    {
        var (mean, logVar) = Moments(video);
        var z = sample ? mean + logVar.mul(HeldScalars.Of(0.5)).exp() * torch.randn_like(mean) : mean;
        return (z - HeldScalars.Of(LatentShift)) * HeldScalars.Of(LatentScale);
    }

    /// <summary>latents (B, C, 1+k, h, w) → video (B, 3, 1+4k, h·s, w·s) in [−1, 1].</summary>
    public Tensor Decode(Tensor latents)
    {
        CheckLatents(latents);
        return DecodeUnscaled(latents / HeldScalars.Of(LatentScale) + HeldScalars.Of(LatentShift)).clamp(HeldScalars.Of(-1), HeldScalars.Of(1));
    }

    /// <summary>
    /// Decodes a long clip <paramref name="tileLatentFrames"/> latent frames at a time. Every layer is causal
    /// and carries its last inputs from tile to tile, so the frames equal <see cref="Decode"/>'s while the
    /// working memory stays that of one tile. <paramref name="onFrames"/> receives each tile's frames
    /// (B, 3, n, H, W) as soon as they exist (to write them out without holding the clip).
    /// </summary>
    public Tensor DecodeTiled(Tensor latents, int tileLatentFrames = 4) =>
        DecodeTiled(latents, tileLatentFrames, onFrames: null)!;

    public Tensor? DecodeTiled(Tensor latents, int tileLatentFrames, Action<Tensor>? onFrames)
    {
        CheckLatents(latents);
        if (tileLatentFrames < 1) throw new ArgumentOutOfRangeException(nameof(tileLatentFrames), "a tile needs at least one latent frame");
        var frames = latents.shape[2];
        var pieces = new List<Tensor>();
        SetStreaming(true);
        try
        {
            for (long start = 0; start < frames; start += tileLatentFrames)
            {
                using var scope = torch.NewDisposeScope();
                var tile = latents.narrow(2, start, Math.Min(tileLatentFrames, frames - start));
                var video = DecodeUnscaled(tile / HeldScalars.Of(LatentScale) + HeldScalars.Of(LatentShift)).clamp(HeldScalars.Of(-1), HeldScalars.Of(1));
                if (onFrames is not null) onFrames(video);
                else pieces.Add(video.MoveToOuterDisposeScope());
            }
        }
        finally
        {
            SetStreaming(false);
        }
        return onFrames is not null ? null : torch.cat(pieces, 2);
    }

    /// <summary>For training: posterior moments of the video (unscaled latent space).</summary>
    internal (Tensor Mean, Tensor LogVar) Moments(Tensor video)
    {
        CheckVideo(video);
        var moments = encoder.forward(video);                           // (B, 2L, 1+k, h, w)
        var parts = moments.chunk(2, 1);
        return (parts[0], parts[1].clamp(HeldScalars.Of(-30), HeldScalars.Of(20)));
    }

    /// <summary>For training: raw reconstruction from unscaled latents (no clamp, so gradients flow everywhere).</summary>
    internal Tensor DecodeUnscaled(Tensor z) => decoder.forward(z);

    private void SetStreaming(bool on)
    {
        foreach (var m in modules())
            if (m is IStreamingState s) s.ResetStream(on);
    }

    private void CheckVideo(Tensor video)
    {
        if (video.dim() != 5 || video.shape[1] != 3)
            throw new ArgumentException($"video must be (B, 3, T, H, W), got ({string.Join(", ", video.shape)})");
        var (t, h, w) = (video.shape[2], video.shape[3], video.shape[4]);
        if ((t - 1) % Config.TimeFactor != 0)
            throw new ArgumentException($"video has {t} frames; the VAE needs 1 + {Config.TimeFactor}k (1, 5, 9, 13, 17, …)");
        if (h % Config.SpaceFactor != 0 || w % Config.SpaceFactor != 0)
            throw new ArgumentException($"video is {w}x{h}; width and height must be multiples of {Config.SpaceFactor}");
    }

    private void CheckLatents(Tensor latents)
    {
        if (latents.dim() != 5 || latents.shape[1] != Config.LatentChannels)
            throw new ArgumentException($"latents must be (B, {Config.LatentChannels}, T, h, w), got ({string.Join(", ", latents.shape)})");
    }

    // ---------------------------------------------------------------- checkpoints

    public void Save(string path) => SafeTensorsFile.Save(path, Weights(), CheckpointMetadata());

    /// <summary>The named weights, as a checkpoint stores them.</summary>
    public Dictionary<string, Tensor> Weights() =>
        state_dict().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    public Dictionary<string, string> CheckpointMetadata() => new(StringComparer.Ordinal)
    {
        ["format"] = FormatName,
        ["config"] = Config.ToJson(),
        ["latent_shift"] = LatentShift.ToString("R", CultureInfo.InvariantCulture),
        ["latent_scale"] = LatentScale.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>Loads a VAE checkpoint. Throws a TesseraError naming the file when it is missing, corrupt or not a VAE.</summary>
    public static VideoVae Load(string path, string device = "cpu")
    {
        using var content = SafeTensorsFile.Load(path);
        var vae = FromContent(content, path);
        if (device != "cpu") vae.to(new Device(device));
        return vae;
    }

    internal static VideoVae FromContent(SafeTensorsContent content, string path)
    {
        if (!content.Metadata.TryGetValue("format", out var format) || format != FormatName
            || !content.Metadata.TryGetValue("config", out var json))
            throw new TesseraError($"{path} is not a Tessera VAE checkpoint (metadata \"format\" should be '{FormatName}'); pass the vae.safetensors file");
        VaeConfig config;
        try
        {
            config = VaeConfig.FromJson(json);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new TesseraError($"{path}: the VAE config in its metadata is unreadable ({e.Message})", 2, e);
        }
        var vae = new VideoVae(config)
        {
            LatentShift = ParseDouble(content.Metadata, "latent_shift", 0, path),
            LatentScale = ParseDouble(content.Metadata, "latent_scale", 1, path),
        };
        vae.LoadWeights(content.Tensors, path);
        return vae;
    }

    /// <summary>Copies named weights in; every parameter and buffer must be present with its shape.</summary>
    internal void LoadWeights(IReadOnlyDictionary<string, Tensor> tensors, string path)
    {
        using var _ = torch.no_grad();
        foreach (var (name, target) in state_dict())
        {
            if (!tensors.TryGetValue(name, out var source))
                throw new TesseraError($"{path}: tensor '{name}' is missing; the checkpoint does not match VAE preset '{Config.Name}'");
            if (!source.shape.SequenceEqual(target.shape))
                throw new TesseraError($"{path}: tensor '{name}' has shape [{string.Join(", ", source.shape)}], the model needs [{string.Join(", ", target.shape)}]");
            target.copy_(source);
        }
    }

    private static double ParseDouble(Dictionary<string, string> meta, string key, double fallback, string path)
    {
        if (!meta.TryGetValue(key, out var s)) return fallback;
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw new TesseraError($"{path}: metadata '{key}' is not a number ('{s}')");
    }
}
