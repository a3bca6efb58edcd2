using System.Globalization;
using TorchSharp;
using Tessera.Engine.Conditioning;
using Tessera.Engine.Dit;
using Tessera.Engine.Flow;
using Tessera.Engine.Generation;
using Tessera.Engine.Latents;
using Tessera.Engine.Native;
using Tessera.Engine.Text;
using Tessera.Media;
using static TorchSharp.torch;

namespace Tessera.Engine;

/// <summary>
/// Generates videos with a trained model folder (contracts §2): text-to-video, image-to-video,
/// first + last frame, continuation of a clip, and clips longer than training (chunk by chunk).
/// Not thread-safe: call from one thread at a time (TorchSharp dispose scopes are thread-static).
/// </summary>
public sealed class VideoGenerator : IDisposable
{
    public const int MaxFrames = 1024;
    public const int MaxSide = 1024;
    public const int MaxVariants = 16;

    private readonly DiffusionTransformer _model;
    private readonly DiffusionTransformer? _guide;
    private readonly CaptionTokenizer _tokenizer;
    private readonly IVideoLatentCodec _codec;
    private readonly IDisposable? _codecOwner;
    private readonly Device _device;

    /// <summary>The matmul precision sampling runs in ("f32" or "bf16"): the same seed gives the same video only in the same one.</summary>
    public string PrecisionName => ComputePrecision.Name(_model.Precision.Type);

    public DitTrainingInfo TrainingInfo { get; }

    /// <summary>The steps and guidance scale a request that names none gets: the model folder's generation.json, else the built-in ones.</summary>
    public SamplingDefaults Defaults { get; }
    internal DiffusionTransformer Model => _model;

    /// <summary>The model folder's guide model (autoguidance), if it holds one.</summary>
    internal DiffusionTransformer? Guide => _guide;
    internal CaptionTokenizer Tokenizer => _tokenizer;
    public string DeviceName => _device.type == DeviceType.CUDA ? "cuda" : "cpu";

    /// <summary>Messages for the user that did not stop generation (unknown words, resized images, device fallback).</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Every size step: the VAE's space factor times the DiT's patch.</summary>
    public int SizeMultiple => _codec.SpaceFactor * Math.Max(_model.Config.PatchH, _model.Config.PatchW);

    internal VideoGenerator(DiffusionTransformer model, CaptionTokenizer tokenizer, IVideoLatentCodec codec, DitTrainingInfo info,
        Device device, IDisposable? codecOwner = null, IEnumerable<string>? warnings = null, SamplingDefaults? defaults = null,
        DiffusionTransformer? guide = null)
    {
        Defaults = defaults ?? SamplingDefaults.BuiltIn;
        _model = model;
        _guide = guide;
        _tokenizer = tokenizer;
        _codec = codec;
        _codecOwner = codecOwner;
        _device = device;
        TrainingInfo = info;
        if (warnings is not null) Warnings.AddRange(warnings);
    }

    /// <summary>
    /// Loads vae.safetensors and dit.safetensors from the folder (null: the shipped model). <paramref name="precision"/>
    /// is auto, f32 or bf16 for the DiT's matmuls (<see cref="PrecisionChoice"/>).
    /// </summary>
    public static VideoGenerator Load(string? modelDir = null, string device = "cpu", string precision = PrecisionChoice.Auto)
    {
        TorchNative.EnsureLoaded();
        var warnings = new List<string>();
        var target = ResolveDevice(device, warnings);
        var matmuls = PrecisionChoice.Resolve(precision, target.type);   // a bad name is refused before the files load
        if (matmuls == ScalarType.BFloat16 && PrecisionChoice.Best(target.type) != ScalarType.BFloat16)
            warnings.Add($"--precision {precision}: this CPU has no native bf16, so libtorch emulates it, many times slower than f32; auto picks f32 here");
        var dir = ModelDirectory.Resolve(modelDir);
        var defaults = SamplingDefaults.Load(dir);   // a bad generation.json is refused before the weights load
        var guidePath = Path.Combine(dir, ModelDirectory.GuideFile);
        if (defaults.Autoguide != 1.0 && !File.Exists(guidePath))
            throw new TesseraError($"{Path.Combine(dir, SamplingDefaults.FileName)} sets \"autoguide\" but the folder has no {ModelDirectory.GuideFile} (the weaker model it guides against); add it or remove the key");
        var codec = VaeLatentCodec.Load(Path.Combine(dir, ModelDirectory.VaeFile), target);
        DiffusionTransformer? model = null, guide = null;
        try
        {
            (model, var tokenizer, var info) = DitCheckpoint.Load(Path.Combine(dir, ModelDirectory.DitFile));
            if (model.Config.LatentChannels != codec.LatentChannels)
                throw new TesseraError($"{Path.Combine(dir, ModelDirectory.DitFile)} expects {model.Config.LatentChannels}-channel latents but {ModelDirectory.VaeFile} makes {codec.LatentChannels}; the two files are from different models");
            if (File.Exists(guidePath)) guide = LoadGuide(guidePath, model, tokenizer);
            // auto: bf16 matmuls where the device has them natively (~4× the f32 rate on CPUs with AVX-512 BF16); an
            // emulated bf16 is far slower than f32, and f32 reads a bf16-trained model at least as well.
            foreach (var m in new[] { model, guide }.OfType<DiffusionTransformer>())
            {
                m.to(target);
                m.Precision.Type = matmuls;
            }
            return new VideoGenerator(model, tokenizer, codec, info, target, codec, warnings, defaults, guide);
        }
        catch
        {
            guide?.Dispose();
            model?.Dispose();
            codec.Dispose();
            throw;
        }
    }

    /// <summary>The guide must read the same latents and the same caption tokens as the model it guides.</summary>
    private static DiffusionTransformer LoadGuide(string path, DiffusionTransformer model, CaptionTokenizer tokenizer)
    {
        var (guide, guideTokenizer, _) = DitCheckpoint.Load(path);
        var (a, b) = (model.Config, guide.Config);
        if (a.LatentChannels != b.LatentChannels || a.PatchT != b.PatchT || a.PatchH != b.PatchH || a.PatchW != b.PatchW
            || guideTokenizer.MaxTokens != tokenizer.MaxTokens || !guideTokenizer.VocabularyIds.SequenceEqual(tokenizer.VocabularyIds))
        {
            guide.Dispose();
            throw new TesseraError($"{path} is not a version of {ModelDirectory.DitFile} (its latents, patches or caption vocabulary differ); " +
                                   $"a guide must be an earlier checkpoint of the same model, or remove the file");
        }
        return guide;
    }

    private static Device ResolveDevice(string device, List<string> warnings)
    {
        switch (device.ToLowerInvariant())
        {
            case "cpu":
                return CPU;
            case "cuda":
                if (torch.cuda.is_available()) return CUDA;
                warnings.Add("CUDA was asked for but TorchSharp found no CUDA libtorch or GPU; running on the CPU");
                return CPU;
            default:
                throw new TesseraError($"unknown device '{device}'; use cpu or cuda");
        }
    }

    public IReadOnlyList<GeneratedVideo> Generate(GenerationRequest request, string outputPath,
        IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        var synthesis = Prepare(request, out var seeds);
        if (string.IsNullOrWhiteSpace(outputPath)) throw new TesseraError("no output path given; pass --output OUT.mp4");
        var paths = OutputPaths(outputPath, seeds.Count);
        var synth = new VideoSynthesis(_model, _tokenizer, _codec, TrainingInfo.TrainFrames, _device, _guide);
        var (videos, unknown) = synth.Run(synthesis, (done, total) => progress?.Report(new ProgressUpdate(done, total, "denoising")), cancellationToken);
        if (unknown.Count > 0)
            Warnings.Add($"words the model never saw in training (ignored): {string.Join(", ", unknown)}");
        var results = new List<GeneratedVideo>();
        for (var i = 0; i < videos.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var metadata = new Dictionary<string, string>
            {
                ["comment"] = string.Create(CultureInfo.InvariantCulture, $"tessera generate seed={seeds[i]} steps={synthesis.Steps} cfg={synthesis.Cfg} sampler={request.Sampler} precision={PrecisionName}")
                              + (synthesis.Autoguide == 1.0 ? "" : string.Create(CultureInfo.InvariantCulture, $" autoguide={synthesis.Autoguide}"))
                              + (synthesis.NoiseScale == 1.0 ? "" : string.Create(CultureInfo.InvariantCulture, $" noise={synthesis.NoiseScale}"))
                              + (synthesis.Consensus == 1 ? "" : string.Create(CultureInfo.InvariantCulture, $" consensus={synthesis.Consensus}"))
                              + (request.NegativePrompt is null ? "" : $" negative=\"{request.NegativePrompt}\""),
                ["title"] = request.Prompt,
            };
            FrameWriter.WriteAll(paths[i], new FrameWriteOptions(request.Width, request.Height, request.Fps, Crf: 12, Metadata: metadata), videos[i]);
            results.Add(new GeneratedVideo(paths[i], seeds[i]));
        }
        return results;
    }

    /// <summary>Checks every field and turns the request into a synthesis request; throws a TesseraError naming the bad field.</summary>
    internal SynthesisRequest Prepare(GenerationRequest r, out List<int> seeds)
    {
        if (string.IsNullOrWhiteSpace(r.Prompt))
            throw new TesseraError("the prompt is empty; describe the video, e.g. \"a red ball rolls to the right\"");
        if (r.Frames < 1 || r.Frames > MaxFrames) throw new TesseraError($"--frames must be 1..{MaxFrames}, got {r.Frames}");
        var m = SizeMultiple;
        if (r.Width < m || r.Height < m || r.Width > MaxSide || r.Height > MaxSide || r.Width % m != 0 || r.Height % m != 0)
            throw new TesseraError($"--size {r.Width}x{r.Height} is not supported: width and height must be multiples of {m} between {m} and {MaxSide} (e.g. 64x64, 96x64, 64x96)");
        if (!(r.Fps > 0) || r.Fps > 240) throw new TesseraError($"--fps must be in (0, 240], got {r.Fps}");
        var steps = r.Steps ?? Defaults.Steps;
        if (steps < 1 || steps > SamplingDefaults.MaxSteps) throw new TesseraError($"--steps must be 1..{SamplingDefaults.MaxSteps}, got {steps}");
        var cfg = r.Cfg ?? Defaults.Cfg;
        if (!double.IsFinite(cfg) || cfg < 0 || cfg > SamplingDefaults.MaxCfg) throw new TesseraError($"--cfg must be 0..{SamplingDefaults.MaxCfg}, got {cfg}");
        var autoguide = r.Autoguide ?? Defaults.Autoguide;
        if (!double.IsFinite(autoguide) || autoguide < 0 || autoguide > SamplingDefaults.MaxCfg)
            throw new TesseraError($"--autoguide must be 0..{SamplingDefaults.MaxCfg} (1 = off), got {autoguide}");
        if (autoguide != 1.0 && _guide is null)
            throw new TesseraError($"autoguidance {autoguide.ToString(CultureInfo.InvariantCulture)} (--autoguide, or \"autoguide\" in the API) needs a guide model ({ModelDirectory.GuideFile}, an earlier checkpoint of the same DiT) in the model folder, and this one has none; leave --autoguide out or set it to 1");
        var sampler = FlowSampler.ParseKind(r.Sampler);
        if (r.Variants < 1 || r.Variants > MaxVariants) throw new TesseraError($"--variants must be 1..{MaxVariants}, got {r.Variants}");
        seeds = Enumerable.Range(0, r.Variants).Select(i => unchecked(r.Seed + i)).ToList();
        var first = Fit(r.FirstFrame, r.Width, r.Height, "--first-frame");
        var last = Fit(r.LastFrame, r.Width, r.Height, "--last-frame");
        if (last is not null && r.Frames < 2) throw new TesseraError("--last-frame needs --frames 2 or more");
        List<byte[]>? context = null;
        if (r.ContextClip is not null)
        {
            if (first is not null) throw new TesseraError("--context and --first-frame both set the start of the video; pass one of them");
            if (r.ContextFrames < 1 || r.ContextFrames > TrainingInfo.TrainFrames - 1)
                throw new TesseraError($"--context-frames (\"contextFrames\" in the API) must be 1..{TrainingInfo.TrainFrames - 1} for this model, got {r.ContextFrames}");
            if (r.Frames <= r.ContextFrames) throw new TesseraError($"--frames ({r.Frames}) must be more than --context-frames ({r.ContextFrames})");
            context = r.ContextFromEnd ? LastFrames(r.ContextClip, r.ContextFrames, r.Width, r.Height)
                : FrameReader.ReadAll(r.ContextClip, new FrameReadOptions(MaxFrames: r.ContextFrames, Width: r.Width, Height: r.Height), out _, out _, out _);
            if (context.Count < r.ContextFrames)
                throw new TesseraError($"the context clip {r.ContextClip} has {context.Count} frames; --context-frames (\"contextFrames\" in the API) asks for {r.ContextFrames}");
        }
        if (r.NegativePrompt is { } negative && negative.Trim().Length == 0)
            throw new TesseraError("--negative-prompt is empty; leave it out for plain guidance, or say what the video should not show");
        var noiseScale = r.NoiseScale ?? Defaults.NoiseScale;
        if (!SamplingDefaults.IsNoiseScale(noiseScale))
            throw new TesseraError($"--noise-scale (\"noiseScale\" in the API) must be in (0, {SamplingDefaults.MaxNoiseScale}] (1 = as trained), got {noiseScale.ToString(CultureInfo.InvariantCulture)}");
        var consensus = r.Consensus ?? Defaults.Consensus;
        if (consensus < 1 || consensus > SamplingDefaults.MaxConsensus)
            throw new TesseraError($"--consensus must be 1..{SamplingDefaults.MaxConsensus} (1 = one draw per video), got {consensus}");
        return new SynthesisRequest(r.Prompt, seeds, r.Frames, r.Width, r.Height, steps, cfg, sampler, first, last, context, r.NegativePrompt ?? "",
            autoguide, noiseScale, consensus);
    }

    /// <summary>The clip's last <paramref name="count"/> frames, streamed through a ring so a long clip costs no more memory
    /// than a short one.</summary>
    private static List<byte[]> LastFrames(string path, int count, int width, int height)
    {
        using var reader = FrameReader.Open(path, new FrameReadOptions(Width: width, Height: height));
        var ring = new Queue<byte[]>(count + 1);
        var frame = new byte[reader.FrameBytes];
        while (reader.ReadFrame(frame))
        {
            ring.Enqueue(frame);
            frame = ring.Count > count ? ring.Dequeue() : new byte[reader.FrameBytes];
        }
        return [.. ring];
    }

    /// <summary>An image at the wrong size is resized (with a warning), not refused.</summary>
    private RgbImage? Fit(RgbImage? image, int width, int height, string flag)
    {
        if (image is null) return null;
        if (image.Pixels.Length != image.Width * image.Height * 3 || image.Width < 1 || image.Height < 1)
            throw new TesseraError($"{flag}: the image buffer does not hold {image.Width}x{image.Height} RGB pixels");
        if (image.Width == width && image.Height == height) return image;
        Warnings.Add($"{flag} is {image.Width}x{image.Height}; resized to {width}x{height}");
        using var scope = torch.NewDisposeScope();
        var t = VideoTensors.FromFrames([image.Pixels], image.Width, image.Height).squeeze(1).unsqueeze(0);   // (1, 3, H, W)
        var resized = nn.functional.interpolate(t, [height, width], mode: InterpolationMode.Bilinear, align_corners: false, antialias: true);
        return new RgbImage(width, height, VideoTensors.ToFrames(resized[0].unsqueeze(1))[0]);
    }

    /// <summary>K = 1 → OUT exactly; K &gt; 1 → OUT-1.ext … OUT-K.ext.</summary>
    public static List<string> OutputPaths(string outputPath, int variants)
    {
        if (variants == 1) return [outputPath];
        var dir = Path.GetDirectoryName(outputPath) ?? "";
        var stem = Path.GetFileNameWithoutExtension(outputPath);
        var ext = Path.GetExtension(outputPath);
        return Enumerable.Range(1, variants).Select(i => Path.Combine(dir, $"{stem}-{i}{ext}")).ToList();
    }

    public void Dispose()
    {
        _model.Dispose();
        _guide?.Dispose();
        _codecOwner?.Dispose();
    }
}
