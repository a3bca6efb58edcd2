using System.Text.Json;
using Tessera.Media;

namespace Tessera.Engine.Dit;

/// <summary>
/// The shape of a diffusion transformer and its text encoder. Presets are data: the CLI lists
/// <see cref="Presets"/> by name. Latent channels and vocabulary size come from the VAE and the
/// caption vocabulary when a model is made.
/// </summary>
/// <param name="Name">Preset name, recorded in checkpoints.</param>
/// <param name="Width">Token width D of the DiT.</param>
/// <param name="Depth">Number of DiT blocks.</param>
/// <param name="Heads">Attention heads (head width D / heads; 64 is the usual).</param>
/// <param name="MlpRatio">MLP hidden width / D.</param>
/// <param name="TextWidth">Width of the text encoder.</param>
/// <param name="TextDepth">Transformer layers in the text encoder.</param>
/// <param name="TextHeads">Heads in the text encoder.</param>
/// <param name="MaxTextTokens">Caption length in tokens, including the start token.</param>
/// <param name="LatentChannels">Channels of the VAE latent (the model's output).</param>
/// <param name="VocabularySize">Rows of the caption embedding table.</param>
/// <param name="PatchT">Patch extent in latent frames.</param>
/// <param name="PatchH">Patch extent in latent rows.</param>
/// <param name="PatchW">Patch extent in latent columns.</param>
/// <param name="ContextStills">Still slots per latent frame (0: none; the VAE's time factor when on): context frames
/// that share a latent frame with held copies (frames 1 and 2 of PhyWorld's 3) are also given one by one, each encoded
/// as a still, because the VAE squeezes a part-filled 4-frame group and loses the motion in it (docs/MODEL.md,
/// "Context stills").</param>
/// <param name="ContextPixels">Pixel slots per latent frame (0: none; the VAE's time factor when on): every context frame is
/// also given as its pixels folded onto the latent grid (<see cref="Conditioning.ContextPixels"/>), because the VAE blurs
/// where a small object is, and over a 3-frame context that blur is the speed (docs/MODEL.md, "Context pixels").</param>
/// <param name="PixelFactor">Pixels per latent cell along each side (the VAE's space factor) for <paramref name="ContextPixels"/>.</param>
public sealed record DitConfig(
    string Name,
    int Width,
    int Depth,
    int Heads,
    double MlpRatio = 4.0,
    int TextWidth = 128,
    int TextDepth = 2,
    int TextHeads = 2,
    int MaxTextTokens = 32,
    int LatentChannels = 8,
    int VocabularySize = 0,
    int PatchT = 1,
    int PatchH = 2,
    int PatchW = 2,
    int ContextStills = 0,
    int ContextPixels = 0,
    int PixelFactor = 0)
{
    /// <summary>Smoke tests and quick checks of the pipeline: learns nothing useful, runs in milliseconds.</summary>
    public static DitConfig Micro { get; } = new("micro", Width: 64, Depth: 2, Heads: 2, TextWidth: 32, TextDepth: 1, TextHeads: 2, MaxTextTokens: 24);

    /// <summary>For this 2-core CPU: ~5M parameters, 320 tokens for 17 frames at 64×64.</summary>
    public static DitConfig Tiny { get; } = new("tiny", Width: 192, Depth: 6, Heads: 3, MaxTextTokens: 64);

    /// <summary>A single consumer GPU.</summary>
    public static DitConfig Small { get; } = new("small", Width: 384, Depth: 12, Heads: 6, TextWidth: 256, TextDepth: 4, TextHeads: 4, MaxTextTokens: 64);

    /// <summary>A data-centre GPU (DiT-B scale).</summary>
    public static DitConfig Base { get; } = new("base", Width: 768, Depth: 12, Heads: 12, TextWidth: 512, TextDepth: 6, TextHeads: 8, MaxTextTokens: 77);

    /// <summary>Several data-centre GPUs (DiT-L scale).</summary>
    public static DitConfig Large { get; } = new("large", Width: 1024, Depth: 24, Heads: 16, TextWidth: 768, TextDepth: 8, TextHeads: 12, MaxTextTokens: 77);

    public static IReadOnlyDictionary<string, DitConfig> Presets { get; } = new Dictionary<string, DitConfig>
    {
        ["micro"] = Micro, ["tiny"] = Tiny, ["small"] = Small, ["base"] = Base, ["large"] = Large,
    };

    public static DitConfig Preset(string name) =>
        Presets.TryGetValue(name.ToLowerInvariant(), out var c) ? c
            : throw new TesseraError($"unknown DiT preset '{name}'; use one of {string.Join(", ", Presets.Keys)}");

    /// <summary>Channels of the frame condition without context stills: noisy latents, condition latents and the condition mask.</summary>
    public int BaseInputChannels => 2 * LatentChannels + 1;

    /// <summary>Channels of the context stills: per slot a still latent and its mask.</summary>
    public int StillChannels => ContextStills * (LatentChannels + 1);

    /// <summary>Channels of the context pixels: per slot a frame's 3·s² pixel channels and its mask.</summary>
    public int PixelChannels => ContextPixels * (Conditioning.ContextPixels.Channels(PixelFactor) + 1);

    /// <summary>Channels into the patch embedder: the base channels, then the context stills', then the context pixels'.</summary>
    public int InputChannels => BaseInputChannels + StillChannels + PixelChannels;

    public string ToJson() => JsonSerializer.Serialize(this);

    public static DitConfig FromJson(string json, string source) =>
        JsonSerializer.Deserialize<DitConfig>(json) ?? throw new TesseraError($"{source}: the DiT config in the checkpoint is empty");
}
