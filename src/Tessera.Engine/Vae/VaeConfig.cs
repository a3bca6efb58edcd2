using System.Text.Json;

namespace Tessera.Engine.Vae;

/// <summary>
/// Shape of a video VAE. Time is compressed ×4 (two causal ×2 steps; the first frame stays alone, so
/// T = 1 + 4k frames become 1 + k latent frames). Space is compressed by <see cref="Patch"/> (a lossless
/// space-to-depth at the input) times 2 per spatial down step. Our clips are 64×64 and 32×32: ×4 space
/// leaves 16×16 and 8×8 latent grids, which a DiT with 2×2 patches still sees as 64 and 16 tokens a
/// frame; ×8 would leave 4×4 latents on 32×32 clips, too coarse to place a small ball.
/// </summary>
/// <param name="Name">Preset name, stored in checkpoints.</param>
/// <param name="Patch">Space-to-depth factor at the input (and depth-to-space at the output).</param>
/// <param name="SpaceDowns">Learned ×2 spatial down steps inside the network (0 or more).</param>
/// <param name="Channels">Width of the full-rate level (T frames).</param>
/// <param name="MidChannels">Width of the ×2 and ×4 time-compressed levels.</param>
/// <param name="BlocksPerLevel">Residual blocks at each of the three time levels.</param>
/// <param name="LatentChannels">Channels of the latent (the DiT's input channels).</param>
/// <param name="KlWeight">Weight of the KL term per latent element against the per-pixel reconstruction loss.</param>
public sealed record VaeConfig(
    string Name,
    int Patch,
    int SpaceDowns,
    int Channels,
    int MidChannels,
    int BlocksPerLevel,
    int LatentChannels,
    double KlWeight)
{
    /// <summary>Time ×4: two causal ×2 steps.</summary>
    public int TimeFactor => 4;

    /// <summary>Pixels per latent cell along each side.</summary>
    public int SpaceFactor => Patch << SpaceDowns;

    /// <summary>~1.1 M parameters, ~2 GFLOP to encode and decode a 64×64×17 clip: cheap enough for 2 CPU cores.</summary>
    public static VaeConfig Tiny { get; } = new("tiny", Patch: 4, SpaceDowns: 0, Channels: 32, MidChannels: 64,
        BlocksPerLevel: 1, LatentChannels: 8, KlWeight: 1e-5);

    /// <summary>Wider and deeper, for real footage and longer training.</summary>
    public static VaeConfig Small { get; } = new("small", Patch: 2, SpaceDowns: 1, Channels: 64, MidChannels: 128,
        BlocksPerLevel: 2, LatentChannels: 8, KlWeight: 1e-5);

    /// <summary>Every preset by name, for the CLI's --preset.</summary>
    public static IReadOnlyDictionary<string, VaeConfig> Presets { get; } =
        new Dictionary<string, VaeConfig>(StringComparer.OrdinalIgnoreCase) { ["tiny"] = Tiny, ["small"] = Small };

    public string ToJson() => JsonSerializer.Serialize(this);

    public static VaeConfig FromJson(string json) =>
        JsonSerializer.Deserialize<VaeConfig>(json) ?? throw new JsonException("empty VAE config");
}
