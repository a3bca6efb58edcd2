using TorchSharp;
using TorchSharp.Modules;
using Tessera.Engine.Patches;
using Tessera.Engine.Text;
using static TorchSharp.torch;

namespace Tessera.Engine.Dit;

/// <summary>
/// The denoiser: a DiT over spacetime patches of the VAE latent, predicting the rectified-flow
/// velocity. Its input concatenates the noisy latents, the condition latents (zeros where no frame is
/// given) and a mask channel, so one model does text-to-video, image-to-video, first + last frame
/// transitions and video prediction. The text encoder is a submodule so one file holds the model.
/// </summary>
public sealed class DiffusionTransformer : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    // ---- embedders ----
    private readonly MixedLinear patchEmbed;
    private readonly TimestepEmbedder timeEmbed;
    private readonly TextEncoder text;
    private readonly MixedLinear textProj;
    private readonly MixedLinear pooledProj;
    // ---- blocks ----
    private readonly ModuleList<DitBlock> blocks;
    // ---- output ----
    private readonly MixedLinear finalAdaLN;
    private readonly MixedLinear finalLinear;

    private readonly Dictionary<(int, int, int, string), Tensor> _positions = new();

    public DitConfig Config { get; }
    public ComputePrecision Precision { get; }
    public SpacetimePatcher Patcher { get; }

    public DiffusionTransformer(DitConfig config) : base("DiffusionTransformer")
    {
        if (config.VocabularySize < 3) throw new ArgumentException("the vocabulary must hold at least the padding, start and unknown rows");
        if (config.Width % config.Heads != 0) throw new ArgumentException($"width {config.Width} is not a multiple of heads {config.Heads}");
        Config = config;
        Precision = new ComputePrecision();
        Patcher = new SpacetimePatcher(config.PatchT, config.PatchH, config.PatchW);
        var d = config.Width;
        patchEmbed = new MixedLinear(config.InputChannels * Patcher.Volume, d, Precision);
        timeEmbed = new TimestepEmbedder(d, Precision);
        text = new TextEncoder(config.VocabularySize, config.TextWidth, config.TextDepth, config.TextHeads, config.MaxTextTokens, Precision);
        textProj = new MixedLinear(config.TextWidth, d, Precision);
        pooledProj = new MixedLinear(config.TextWidth, d, Precision);
        blocks = new ModuleList<DitBlock>();
        for (var i = 0; i < config.Depth; i++) blocks.Add(new DitBlock(d, config.Heads, config.MlpRatio, Precision));
        finalAdaLN = new MixedLinear(d, 2 * d, Precision);
        finalLinear = new MixedLinear(d, config.LatentChannels * Patcher.Volume, Precision);
        RegisterComponents();
        InitializeWeights();
    }

    /// <summary>adaLN-Zero: block modulations, cross-attention outputs and the final layer start at zero.</summary>
    private void InitializeWeights()
    {
        using var _ = torch.no_grad();
        foreach (var block in blocks) block.ZeroInit();
        foreach (var p in new[] { finalAdaLN.Weight, finalAdaLN.Bias!, finalLinear.Weight, finalLinear.Bias! }) p.zero_();
    }

    /// <param name="input">(B, 2C+1, T, H, W): noisy latents, condition latents, condition mask; then, for a model made with
    /// them, the context stills' and context pixels' channels (<see cref="Conditioning.FrameCondition.Input"/>).</param>
    /// <param name="t">(B) flow time, 1 = pure noise.</param>
    /// <param name="ids">(B, L) caption token rows.</param>
    /// <returns>(B, C, T, H, W) predicted velocity (noise − data), f32.</returns>
    public override Tensor forward(Tensor input, Tensor t, Tensor ids)
    {
        var grid = Patcher.Grid(input.shape[2], input.shape[3], input.shape[4]);
        var x = patchEmbed.forward(Patcher.Patchify(CheckChannels(input))).to_type(ScalarType.Float32);   // (B, N, D)
        x = x + Positions(grid, x.device);

        var textFeatures = text.forward(ids);                                              // (B, L, Dt)
        var mask = ids.ne(0);                                                              // (B, L)
        var weights = mask.to_type(ScalarType.Float32).unsqueeze(2);                       // (B, L, 1)
        var pooled = (textFeatures * weights).sum(1) / weights.sum(1).clamp_min(1);       // (B, Dt)
        var c = timeEmbed.forward(t) + pooledProj.forward(pooled).to_type(ScalarType.Float32);  // (B, D)
        var context = textProj.forward(textFeatures).to_type(ScalarType.Float32);         // (B, L, D)
        var textMask = mask.unsqueeze(1).unsqueeze(1);                                     // (B, 1, 1, L)

        foreach (var block in blocks) x = block.forward(x, c, context, textMask);

        var mod = finalAdaLN.forward(nn.functional.silu(c)).to_type(ScalarType.Float32).unsqueeze(1).chunk(2, dim: 2);
        x = DitBlock.Modulate(nn.functional.layer_norm(x, [Config.Width], null, null, 1e-6), mod[0], mod[1]);
        var patches = finalLinear.forward(x).to_type(ScalarType.Float32);                 // (B, N, C·pt·ph·pw)
        return Patcher.Unpatchify(patches, Config.LatentChannels, grid);
    }

    /// <summary>The input, checked: exactly the channels this model reads (<see cref="Conditioning.FrameCondition.Input"/> builds them).</summary>
    private Tensor CheckChannels(Tensor input)
    {
        if (input.shape[1] == Config.InputChannels) return input;
        throw new ArgumentException($"the DiT reads {Config.InputChannels} input channels ({Config.BaseInputChannels} base, {Config.StillChannels} of context stills, " +
            $"{Config.PixelChannels} of context pixels); got {input.shape[1]}");
    }

    private Tensor Positions((int T, int H, int W) grid, Device device)
    {
        var key = (grid.T, grid.H, grid.W, device.ToString());
        if (!_positions.TryGetValue(key, out var pos))
        {
            pos = SpacetimePositions.SinCos3D(Config.Width, grid).to(device);
            pos.DetachFromDisposeScope();
            _positions[key] = pos;
        }
        return pos;
    }

    public long ParameterCount() => parameters().Sum(p => p.numel());

    /// <summary>
    /// Matmul FLOPs of one training sample (forward + backward = 3× forward) with the given number of
    /// video tokens, for MFU: 6 per token-wise weight per token plus the attention score and value products.
    /// </summary>
    public double TrainingFlopsPerSample(int tokens)
    {
        double d = Config.Width, n = tokens, l = Config.MaxTextTokens;
        var hidden = Math.Floor(d * Config.MlpRatio);
        var perBlockTokenWeights = 3 * d * d + d * d + d * d + d * d + 2 * d * hidden;   // qkv, proj, cross q, cross proj, MLP
        var tokenWeights = Config.Depth * perBlockTokenWeights + (Config.InputChannels + Config.LatentChannels) * Patcher.Volume * d;
        var attention = Config.Depth * (4 * n * n * d + 4 * n * l * d);                   // scores + values, self and cross
        return 3 * (2 * tokenWeights * n + attention);
    }
}
