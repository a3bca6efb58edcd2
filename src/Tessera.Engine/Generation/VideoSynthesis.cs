using TorchSharp;
using Tessera.Engine.Conditioning;
using Tessera.Engine.Dit;
using Tessera.Engine.Flow;
using Tessera.Engine.Latents;
using Tessera.Engine.Text;
using Tessera.Media;
using static TorchSharp.torch;

namespace Tessera.Engine.Generation;

/// <summary>
/// Turns a prompt (and optional frames) into pixel frames: noise per seed → flow sampler with CFG →
/// VAE decode. Clips longer than the model was trained on are made chunk by chunk, each chunk
/// conditioned on the tail of the one before (extension).
/// </summary>
public sealed class VideoSynthesis(DiffusionTransformer model, CaptionTokenizer tokenizer, IVideoLatentCodec codec, int trainFrames, Device device,
    DiffusionTransformer? guide = null)
{
    /// <summary>Frames of the previous chunk that condition the next (two whole latent frames with a ×4 VAE).</summary>
    public int TailFrames => 1 + codec.TimeFactor;

    /// <summary>Sees every chunk's sampled latents (K × consensus draws, variant by variant) before the medoids are
    /// picked, inside the chunk's dispose scope (keep a detached copy): for tests of the pick.</summary>
    internal Action<Tensor>? DrawsSampled { get; init; }

    /// <summary>Frames per variant (each a list of packed RGB24 frames), and words the model does not know.</summary>
    public (List<byte[][]> Videos, IReadOnlyList<string> UnknownWords) Run(SynthesisRequest r,
        Action<int, int>? onStep = null, CancellationToken cancellationToken = default)
    {
        var caption = tokenizer.Encode(r.Prompt);
        var negative = tokenizer.Encode(r.NegativePrompt);
        var k = r.Seeds.Count;
        var chunkFrames = Math.Max(trainFrames, TailFrames + codec.TimeFactor);
        var chunks = new List<(int Frames, bool First, bool Last)>();
        if (r.Frames <= chunkFrames) chunks.Add((r.Frames, true, true));
        else
        {
            var produced = chunkFrames;
            chunks.Add((chunkFrames, true, false));
            while (produced < r.Frames)
            {
                var add = Math.Min(chunkFrames - TailFrames, r.Frames - produced);
                produced += add;
                chunks.Add((TailFrames + add, false, produced >= r.Frames));
            }
        }
        var totalSteps = chunks.Count * r.Steps;
        var videos = Enumerable.Range(0, k).Select(_ => new List<byte[]>()).ToList();
        for (var c = 0; c < chunks.Count; c++)
        {
            var (frames, first, last) = chunks[c];
            var stepBase = c * r.Steps;
            var decoded = SampleChunk(r, caption.Rows, negative.Rows, frames, first ? r.FirstFrame : null, last ? r.LastFrame : null,
                first ? r.Context : null, first ? null : videos.Select(v => v.Skip(v.Count - TailFrames).ToList()).ToList(),
                chunkIndex: c, (i, n) => onStep?.Invoke(stepBase + i, totalSteps), cancellationToken);
            for (var v = 0; v < k; v++) videos[v].AddRange(first ? decoded[v] : decoded[v].Skip(TailFrames));
        }
        return (videos.Select(v => v.Take(r.Frames).ToArray()).ToList(), caption.UnknownWords.Union(negative.UnknownWords).ToList());
    }

    private List<byte[][]> SampleChunk(SynthesisRequest r, long[] captionRows, long[] negativeRows, int frames, RgbImage? firstFrame, RgbImage? lastFrame,
        IReadOnlyList<byte[]>? userContext, List<List<byte[]>>? tails, int chunkIndex, Action<int, int> onStep, CancellationToken ct)
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        var k = r.Seeds.Count;
        var (f, s, ch) = (codec.TimeFactor, codec.SpaceFactor, codec.LatentChannels);
        var t = ConditionLayout.LatentFrames(frames, f);
        var (h, w) = (r.Height / s, r.Width / s);

        var cond = torch.zeros([k, ch, t, h, w]);
        var mask = torch.zeros([k, 1, t, h, w]);
        var exact = new List<int>();
        var slots = model.Config.ContextStills;
        var stills = slots > 0 ? ContextStills.Empty(k, slots, ch, t, h, w) : null;
        var pixelSlots = model.Config.ContextPixels;
        var pixels = pixelSlots > 0 ? ContextPixels.Empty(k, pixelSlots, s, t, h, w) : null;
        if (firstFrame is not null)
        {
            var latent = EncodeFrames([firstFrame.Pixels], r.Width, r.Height);                 // (1, C, 1, h, w)
            cond[.., .., 0] = latent[.., .., 0];
            mask[.., .., 0] = 1;
            exact.Add(0);
        }
        if (lastFrame is not null && t > 1)
        {
            var latent = EncodeFrames([lastFrame.Pixels], r.Width, r.Height);
            cond[.., .., t - 1] = latent[.., .., 0];
            mask[.., .., t - 1] = 1;
        }
        if (userContext is not null || tails is not null)
        {
            var n = userContext?.Count ?? TailFrames;
            var tc = Math.Min(t, ConditionLayout.ContextLatentFrames(n, f));
            var held = ConditionLayout.PixelFrames(ConditionLayout.ContextLatentFrames(n, f), f);
            // The context's last frame is held to fill the last 4-frame group, exactly as in training.
            Tensor? shared = null, sharedStills = null, sharedPixels = null;
            var stillFrames = stills is null ? [] : ContextStills.Frames(n, f);
            for (var v = 0; v < k; v++)
            {
                var source = userContext ?? tails![v];
                var latent = userContext is not null && shared is not null ? shared
                    : EncodeFrames(Enumerable.Range(0, held).Select(i => source[Math.Min(i, n - 1)]).ToList(), r.Width, r.Height); // (1, C, Tc, h, w)
                if (userContext is not null) shared = latent;
                cond[v, .., ..tc] = latent[0, .., ..tc];
                // Every context frame also goes in as its pixels, as in training (a user's context packed once).
                if (pixels is not null)
                {
                    var packed = userContext is not null && sharedPixels is not null ? sharedPixels
                        : ContextPixels.Pack(source.Take(n).ToList(), r.Width, r.Height, s);                          // (3·s², n, h, w)
                    if (userContext is not null) sharedPixels = packed;
                    for (var p = 0; p < n; p++) ContextPixels.Put(pixels, v, p, packed[.., p], pixelSlots, f);
                }
                // The frames that share their latent frame with held copies also go in one by one, as in training;
                // a user's context is the same for every variant, so it is encoded once.
                if (stillFrames.Count == 0) continue;
                var alone = userContext is not null && sharedStills is not null ? sharedStills
                    : torch.cat(stillFrames.Select(p => EncodeFrames([source[p]], r.Width, r.Height)).ToList());   // (S, C, 1, h, w)
                if (userContext is not null) sharedStills = alone;
                for (var i = 0; i < stillFrames.Count; i++) ContextStills.Put(stills!, v, stillFrames[i], alone[i, .., 0], slots, f);
            }
            mask[.., .., ..tc] = 1;
            exact.AddRange(Enumerable.Range(0, Math.Min(tc, ConditionLayout.ExactContextLatentFrames(n, f))).Where(i => !exact.Contains(i)));
        }
        // With consensus M, each variant is drawn M times in the same batch (its rows side by side) and its medoid kept.
        var m = r.Consensus;
        if (m > 1)
            (cond, mask, stills, pixels) = (cond.repeat_interleave(m, 0), mask.repeat_interleave(m, 0), stills?.repeat_interleave(m, 0), pixels?.repeat_interleave(m, 0));
        var condition = new FrameCondition(cond.to(device), mask.to(device), exact, stills?.to(device), pixels?.to(device));

        var noise = torch.cat(r.Seeds.SelectMany(seed => Enumerable.Range(0, m).Select(j =>
        {
            // Each variant's noise depends on its seed (and chunk) alone: same seed, same video, whatever K is. Draw 0
            // is the plain video's noise; a consensus draw j > 0 mixes j in with the golden-ratio constant, within the
            // 32 bits that torch's CPU generator (mt19937) keeps of a seed.
            var plain = (ulong)(uint)seed * 1000UL + (ulong)chunkIndex;
            var g = new Generator(j == 0 ? plain : (uint)plain ^ (uint)(j * 0x9E3779B9L));
            var n = torch.randn([1, ch, t, h, w], generator: g);
            return r.NoiseScale == 1.0 ? n : n.mul_(r.NoiseScale);
        })).ToList()).to(device);
        var rows = torch.tensor(captionRows).view(1, -1).expand(k * m, -1).to(device);
        var nullRows = torch.tensor(negativeRows).view(1, -1).expand(k * m, -1).to(device);
        var latents = new FlowSampler(model, guide, r.Autoguide).Sample(noise, condition, rows, nullRows, r.Steps, r.Cfg, r.Sampler, onStep, ct);
        latents = condition.PasteExact(latents);
        DrawsSampled?.Invoke(latents);
        if (m > 1)
        {
            var drawn = latents.view(k, m, ch, t, h, w);
            latents = torch.stack(Enumerable.Range(0, k).Select(v => drawn[v, ConsensusPick.Medoid(drawn[v])]).ToList());
        }
        var video = codec.Decode(latents.to(CPU));                                             // (K, 3, T', H, W)
        return Enumerable.Range(0, k).Select(v => VideoTensors.ToFrames(video[v]).Take(frames).ToArray()).ToList();
    }

    private Tensor EncodeFrames(IReadOnlyList<byte[]> frames, int width, int height) =>
        codec.Encode(VideoTensors.FromFrames(frames, width, height).unsqueeze(0));
}
