using Tessera.Engine.Dit;
using Tessera.Engine.Flow;
using Tessera.Engine.Generation;
using Tessera.Engine.Native;
using Tessera.Engine.Tests.Latents;
using Tessera.Engine.Text;
using Tessera.Engine.Vae;
using Tessera.Media;
using TorchSharp;

namespace Tessera.Engine.Tests.Generation;

public sealed class VideoGeneratorTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "tessera-dit-gen-" + Guid.NewGuid().ToString("N")[..8]);

    public VideoGeneratorTests()
    {
        TorchNative.EnsureLoaded();
        Directory.CreateDirectory(_root);
    }

    private static readonly CaptionTokenizer Captions = CaptionTokenizer.Build(["a red ball moves right", "一个红色的球向右移动"], 24);

    /// <summary>An untrained micro model over the stand-in codec, trained on 5-frame clips.</summary>
    private static VideoGenerator Untrained(SamplingDefaults? defaults = null, int? guideSeed = null, int seed = 2) =>
        new(MicroModel(seed), Captions, new StandInCodec(), new DitTrainingInfo(0, 5, 32, 32, 8), torch.CPU, defaults: defaults,
            guide: guideSeed is { } g ? MicroModel(g) : null);

    /// <summary>The same seed gives the same weights, so a model can be built twice.</summary>
    private static DiffusionTransformer MicroModel(int seed, int latentChannels = 3, int contextStills = 0, int contextPixels = 0)
    {
        torch.manual_seed(seed);
        var model = new DiffusionTransformer(DitConfig.Micro with { LatentChannels = latentChannels, VocabularySize = Captions.VocabularySize, ContextStills = contextStills,
            ContextPixels = contextPixels, PixelFactor = contextPixels > 0 ? 4 : 0 });
        // Untrained DiTs predict exactly zero (adaLN-Zero); random output weights make the test see real sampling.
        using (torch.no_grad()) foreach (var p in model.parameters()) if (p.abs().sum().item<float>() == 0) p.normal_(0, 0.02);
        model.eval();
        return model;
    }

    [Fact]
    public void WritesTheRequestedFramesAndVariants()
    {
        using var generator = Untrained();
        var output = Path.Combine(_root, "ball.mp4");
        var videos = generator.Generate(new GenerationRequest("a red ball moves right", Seed: 4, Frames: 3, Width: 32, Height: 32, Steps: 2, Variants: 2), output);
        Assert.Equal([Path.Combine(_root, "ball-1.mp4"), Path.Combine(_root, "ball-2.mp4")], videos.Select(v => v.Path));
        Assert.Equal([4, 5], videos.Select(v => v.Seed));
        var a = FrameReader.ReadAll(videos[0].Path, null, out var w, out var h, out _);
        var b = FrameReader.ReadAll(videos[1].Path, null, out _, out _, out _);
        Assert.Equal((3, 32, 32), (a.Count, w, h));
        Assert.NotEqual(a[1], b[1]);   // different seeds, different videos

        var single = generator.Generate(new GenerationRequest("一个红色的球向右移动", Frames: 2, Width: 32, Height: 32, Steps: 1), Path.Combine(_root, "one.mp4"));
        Assert.Equal(Path.Combine(_root, "one.mp4"), Assert.Single(single).Path);
    }

    [Fact]
    public void SameSeedSameVideoAndLongClipsAreMadeInChunks()
    {
        using var generator = Untrained();
        var request = new GenerationRequest("a red ball moves right", Seed: 9, Frames: 13, Width: 32, Height: 32, Steps: 2);
        var synthesis = new VideoSynthesis(generator.Model, generator.Tokenizer, new StandInCodec(), 5, torch.CPU);
        var prepared = generator.Prepare(request, out _);
        var (first, _) = synthesis.Run(prepared);
        var (second, _) = synthesis.Run(prepared);
        Assert.Equal(13, first[0].Length);   // 13 frames from a model trained on 5: chunk by chunk
        for (var i = 0; i < 13; i++) Assert.Equal(first[0][i], second[0][i]);
    }

    [Fact]
    public void GuidanceStepsAwayFromTheNegativePromptInsteadOfTheEmptyCaption()
    {
        using var generator = Untrained();
        var synthesis = new VideoSynthesis(generator.Model, generator.Tokenizer, new StandInCodec(), 5, torch.CPU);
        byte[][] Frames(GenerationRequest r) => synthesis.Run(generator.Prepare(r, out _)).Videos[0];
        var request = new GenerationRequest("a red ball moves right", Seed: 3, Frames: 5, Width: 32, Height: 32, Steps: 3, Cfg: 4);

        var plain = Frames(request);
        var steered = Frames(request with { NegativePrompt = "一个红色的球向右移动" });
        Assert.Contains(Enumerable.Range(0, 5), i => !plain[i].SequenceEqual(steered[i]));
        // v = v_neg + cfg·(v_prompt − v_neg): a negative prompt equal to the prompt leaves the unguided video.
        var cancelled = Frames(request with { NegativePrompt = request.Prompt });
        var unguided = Frames(request with { Cfg = 1 });
        for (var i = 0; i < 5; i++)
            Assert.True(cancelled[i].Zip(unguided[i]).All(p => Math.Abs(p.First - p.Second) <= 1), $"frame {i}");

        var e = Assert.Throws<TesseraError>(() => generator.Generate(request with { NegativePrompt = "  " }, Path.Combine(_root, "n.mp4")));
        Assert.Contains("--negative-prompt", e.Message);
        generator.Generate(request with { NegativePrompt = "a red zeppelin" }, Path.Combine(_root, "z.mp4"));
        Assert.Contains(generator.Warnings, w => w.Contains("zeppelin"));
    }

    [Fact]
    public void A_context_clip_gives_its_first_frames_or_with_context_from_end_its_last_ones_and_the_video_opens_with_them()
    {
        using var generator = Untrained();
        // Seven frames, each a flat grey a step lighter than the one before, so a frame's level says which frame it was.
        var clip = Path.Combine(_root, "seven.mp4");
        FrameWriter.WriteAll(clip, new FrameWriteOptions(32, 32, 8, Crf: 0), Enumerable.Range(0, 7).Select(i => Enumerable.Repeat((byte)(30 + 30 * i), 32 * 32 * 3).ToArray()));
        static int Level(byte[] frame) => (int)Math.Round((frame.Average(b => (double)b) - 30) / 30);

        var start = generator.Prepare(new GenerationRequest("a red ball moves right", Frames: 5, Width: 32, Height: 32, ContextClip: clip, ContextFrames: 2), out _);
        Assert.Equal([0, 1], start.Context!.Select(Level));
        var end = generator.Prepare(new GenerationRequest("a red ball moves right", Frames: 5, Width: 32, Height: 32, ContextClip: clip, ContextFrames: 3, ContextFromEnd: true), out _);
        Assert.Equal([4, 5, 6], end.Context!.Select(Level));

        // The written video opens where the clip left off: its first frame is the context's first (an exact latent frame).
        var video = generator.Generate(new GenerationRequest("a red ball moves right", Frames: 5, Width: 32, Height: 32, Steps: 2, ContextClip: clip, ContextFrames: 3, ContextFromEnd: true), Path.Combine(_root, "more.mp4"));
        Assert.Equal(4, Level(FrameReader.ReadAll(Assert.Single(video).Path, null, out _, out _, out _)[0]));

        var tooMany = Assert.Throws<TesseraError>(() => generator.Prepare(new GenerationRequest("a ball", Frames: 5, Width: 32, Height: 32, ContextClip: clip, ContextFrames: 5, ContextFromEnd: true), out _));
        Assert.Contains("\"contextFrames\" in the API", tooMany.Message);
    }

    [Fact]
    public void FirstFrameOfTheWrongSizeIsResizedWithAWarning()
    {
        using var generator = Untrained();
        var image = new RgbImage(48, 40, Enumerable.Repeat((byte)200, 48 * 40 * 3).ToArray());
        var videos = generator.Generate(new GenerationRequest("a red ball moves right", Frames: 5, Width: 32, Height: 32, Steps: 1, FirstFrame: image), Path.Combine(_root, "i2v.mp4"));
        Assert.Single(videos);
        Assert.Contains(generator.Warnings, w => w.Contains("resized to 32x32"));
    }

    [Fact]
    public void UnknownWordsWarnAndGenerationGoesOn()
    {
        using var generator = Untrained();
        var videos = generator.Generate(new GenerationRequest("a red zeppelin moves right", Frames: 1, Width: 32, Height: 32, Steps: 1), Path.Combine(_root, "z.mp4"));
        Assert.Single(videos);
        Assert.Contains(generator.Warnings, w => w.Contains("zeppelin"));
    }

    [Theory]
    [InlineData("", 16, 32, 32, "prompt is empty")]
    [InlineData("a ball", 0, 32, 32, "--frames")]
    [InlineData("a ball", 16, 7, 7, "--size 7x7")]
    [InlineData("a ball", 16, 36, 32, "multiples of 8")]
    public void BadRequestsGetClearErrors(string prompt, int frames, int width, int height, string expected)
    {
        using var generator = Untrained();
        var output = Path.Combine(_root, "bad.mp4");
        var e = Assert.Throws<TesseraError>(() => generator.Generate(new GenerationRequest(prompt, Frames: frames, Width: width, Height: height, Steps: 1), output));
        Assert.Contains(expected, e.Message);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void UnknownSamplerIsRefused()
    {
        using var generator = Untrained();
        var e = Assert.Throws<TesseraError>(() => generator.Generate(new GenerationRequest("a ball", Width: 32, Height: 32, Sampler: "ddim"), Path.Combine(_root, "s.mp4")));
        Assert.Contains("euler or heun", e.Message);
    }

    [Fact]
    public void MissingOrCorruptCheckpointsAreNamed()
    {
        var dir = Path.Combine(_root, "model");
        Directory.CreateDirectory(dir);
        var missingVae = Assert.Throws<TesseraError>(() => VideoGenerator.Load(dir));
        Assert.Contains("vae.safetensors", missingVae.Message);

        new VideoVae(VaeConfig.Tiny).Save(Path.Combine(dir, "vae.safetensors"));
        var missingDit = Assert.Throws<TesseraError>(() => VideoGenerator.Load(dir));
        Assert.Contains("dit.safetensors", missingDit.Message);

        File.WriteAllBytes(Path.Combine(dir, "dit.safetensors"), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        var corrupt = Assert.Throws<TesseraError>(() => VideoGenerator.Load(dir));
        Assert.Contains("dit.safetensors", corrupt.Message);

        var nowhere = Assert.Throws<TesseraError>(() => VideoGenerator.Load(Path.Combine(_root, "no-such-model")));
        Assert.Contains("no-such-model", nowhere.Message);
    }

    [Fact]
    public void PrecisionIsChosenByNameAndWrittenIntoTheVideo()
    {
        // A bad name is refused before the model files are even looked for.
        var e = Assert.Throws<TesseraError>(() => VideoGenerator.Load(Path.Combine(_root, "no-such-model"), "cpu", "f16"));
        Assert.Contains("auto, f32 or bf16", e.Message);

        using var generator = Untrained();
        var request = new GenerationRequest("a red ball moves right", Seed: 5, Frames: 5, Width: 32, Height: 32, Steps: 2);
        var f32 = generator.Generate(request, Path.Combine(_root, "f32.mp4"))[0].Path;
        generator.Model.Precision.Type = torch.ScalarType.BFloat16;
        var bf16 = generator.Generate(request, Path.Combine(_root, "bf16.mp4"))[0].Path;
        // The comment says what made the video: a seed reproduces it only in the same precision.
        Assert.Contains("seed=5 ", Comment(f32));
        Assert.Contains("precision=f32", Comment(f32));
        Assert.Contains("precision=bf16", Comment(bf16));
    }

    [Fact]
    public void A_request_without_steps_or_cfg_gets_the_model_s_defaults_and_one_with_them_keeps_its_own()
    {
        using var generator = Untrained(new SamplingDefaults(3, 1));
        var byModel = generator.Generate(new GenerationRequest("a red ball moves right", Frames: 5, Width: 32, Height: 32), Path.Combine(_root, "model.mp4"))[0].Path;
        Assert.Contains("steps=3 cfg=1 ", Comment(byModel));
        var asked = generator.Generate(new GenerationRequest("a red ball moves right", Frames: 5, Width: 32, Height: 32, Steps: 2, Cfg: 2.5), Path.Combine(_root, "asked.mp4"))[0].Path;
        Assert.Contains("steps=2 cfg=2.5 ", Comment(asked));
    }

    [Fact]
    public void A_smaller_noise_scale_brings_two_seeds_videos_closer_and_is_written_into_the_video()
    {
        using var generator = Untrained();
        double SeedSpread(double? scale, string name)
        {
            var videos = generator.Generate(new GenerationRequest("a red ball moves right", Seed: 1, Frames: 5, Width: 32, Height: 32, Steps: 4, Variants: 2, NoiseScale: scale), Path.Combine(_root, name));
            var a = FrameReader.ReadAll(videos[0].Path, null, out _, out _, out _);
            var b = FrameReader.ReadAll(videos[1].Path, null, out _, out _, out _);
            return a.Zip(b).Average(f => f.First.Zip(f.Second).Average(p => Math.Abs(p.First - p.Second)));
        }
        var full = SeedSpread(null, "full.mp4");
        var low = SeedSpread(0.3, "low.mp4");
        Assert.True(low < 0.6 * full, $"noise scale 0.3 should make seeds 1 and 2 differ less than scale 1 does: {low:0.00} vs {full:0.00} levels");
        Assert.Contains(" noise=0.3", Comment(Path.Combine(_root, "low-1.mp4")));
        Assert.DoesNotContain("noise=", Comment(Path.Combine(_root, "full-1.mp4")));

        var e = Assert.Throws<TesseraError>(() => generator.Prepare(new GenerationRequest("a ball", Frames: 2, Width: 32, Height: 32, NoiseScale: 0), out _));
        Assert.Contains("--noise-scale (\"noiseScale\" in the API) must be in (0, 2]", e.Message);
    }

    [Fact]
    public void Consensus_keeps_one_video_per_seed_says_so_in_the_video_and_refuses_a_count_out_of_range()
    {
        using var generator = Untrained(new SamplingDefaults(3, 1, Consensus: 3));
        var byModel = generator.Generate(new GenerationRequest("a red ball moves right", Seed: 2, Frames: 5, Width: 32, Height: 32, Variants: 2), Path.Combine(_root, "typical.mp4"));
        Assert.Equal(2, byModel.Count);
        Assert.Contains(" consensus=3", Comment(byModel[0].Path));
        var again = generator.Generate(new GenerationRequest("a red ball moves right", Seed: 2, Frames: 5, Width: 32, Height: 32), Path.Combine(_root, "again.mp4"))[0].Path;
        Assert.Equal(FrameReader.ReadAll(byModel[0].Path, null, out _, out _, out _), FrameReader.ReadAll(again, null, out _, out _, out _));   // same seed, same pick, alone or in a batch
        var plain = generator.Generate(new GenerationRequest("a red ball moves right", Seed: 2, Frames: 5, Width: 32, Height: 32, Consensus: 1), Path.Combine(_root, "plain.mp4"))[0].Path;
        Assert.DoesNotContain("consensus=", Comment(plain));

        foreach (var bad in new[] { 0, 33 })
        {
            var e = Assert.Throws<TesseraError>(() => generator.Prepare(new GenerationRequest("a ball", Frames: 2, Width: 32, Height: 32, Consensus: bad), out _));
            Assert.Contains($"--consensus must be 1..32 (1 = one draw per video), got {bad}", e.Message);
        }
    }

    [Fact]
    public void A_bad_generation_json_is_refused_before_the_weights_are_read()
    {
        var dir = Path.Combine(_root, "defaults");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, SamplingDefaults.FileName), "{\"cfg\": 1,}");
        var e = Assert.Throws<TesseraError>(() => VideoGenerator.Load(dir));
        Assert.Contains(SamplingDefaults.FileName, e.Message);
    }

    [Fact]
    public void Autoguidance_steers_away_from_the_guide_model_and_does_nothing_when_the_guide_is_the_model_itself()
    {
        var request = new GenerationRequest("a red ball moves right", Seed: 6, Frames: 5, Width: 32, Height: 32, Steps: 3, Cfg: 1);
        static byte[][] Frames(VideoGenerator g, GenerationRequest r) =>
            new VideoSynthesis(g.Model, g.Tokenizer, new StandInCodec(), 5, torch.CPU, g.Guide).Run(g.Prepare(r, out _)).Videos[0];
        static bool Close(byte[][] a, byte[][] b) => a.Zip(b).All(f => f.First.Zip(f.Second).All(p => Math.Abs(p.First - p.Second) <= 1));

        using var self = Untrained(guideSeed: 2);   // the guide has the model's own weights: v − v_guide = 0
        Assert.True(Close(Frames(self, request), Frames(self, request with { Autoguide = 3 })));

        using var weak = Untrained(guideSeed: 5);
        var plain = Frames(weak, request);
        Assert.False(Close(plain, Frames(weak, request with { Autoguide = 3 })));
        // With cfg 1, v = v_guide + w·(v − v_guide): w = 0 samples the guide model alone.
        using var guideAlone = Untrained(seed: 5);
        Assert.True(Close(Frames(guideAlone, request), Frames(weak, request with { Autoguide = 0 })));

        var video = weak.Generate(request with { Autoguide = 2.5 }, Path.Combine(_root, "ag.mp4"))[0].Path;
        Assert.Contains("autoguide=2.5", Comment(video));
        Assert.DoesNotContain("autoguide", Comment(weak.Generate(request, Path.Combine(_root, "plain.mp4"))[0].Path));
    }

    [Fact]
    public void Autoguidance_without_a_guide_model_is_refused_with_what_to_do()
    {
        using var generator = Untrained();
        var e = Assert.Throws<TesseraError>(() => generator.Generate(
            new GenerationRequest("a red ball moves right", Frames: 5, Width: 32, Height: 32, Steps: 1, Autoguide: 2), Path.Combine(_root, "ag.mp4")));
        Assert.Contains(ModelDirectory.GuideFile, e.Message);
        Assert.Contains("leave --autoguide out", e.Message);
        Assert.False(File.Exists(Path.Combine(_root, "ag.mp4")));

        var dir = Path.Combine(_root, "no-guide");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, SamplingDefaults.FileName), "{\"autoguide\": 2}");
        var missing = Assert.Throws<TesseraError>(() => VideoGenerator.Load(dir));
        Assert.Contains(ModelDirectory.GuideFile, missing.Message);
    }

    [Fact]
    public void A_model_folder_s_guide_is_loaded_when_it_matches_and_refused_when_it_is_another_model()
    {
        var dir = Path.Combine(_root, "guided");
        Directory.CreateDirectory(dir);
        var vae = new VideoVae(VaeConfig.Tiny);
        vae.Save(Path.Combine(dir, ModelDirectory.VaeFile));
        var channels = VaeConfig.Tiny.LatentChannels;
        var info = new DitTrainingInfo(1, 5, 32, 32, 8);
        void Save(string file, DiffusionTransformer m, CaptionTokenizer t) =>
            DitCheckpoint.Save(Path.Combine(dir, file), DitCheckpoint.NamedParameters(m), m.Config, t, info);
        Save(ModelDirectory.DitFile, MicroModel(2, channels), Captions);
        using (var unguided = VideoGenerator.Load(dir)) Assert.Null(unguided.Guide);

        Save(ModelDirectory.GuideFile, MicroModel(5, channels), Captions);
        File.WriteAllText(Path.Combine(dir, SamplingDefaults.FileName), "{\"autoguide\": 2}");
        using (var guided = VideoGenerator.Load(dir))
        {
            Assert.NotNull(guided.Guide);
            Assert.Equal(2, guided.Defaults.Autoguide);
        }

        var other = CaptionTokenizer.Build(["a blue cube falls"], 24);
        var foreign = new DiffusionTransformer(DitConfig.Micro with { LatentChannels = channels, VocabularySize = other.VocabularySize });
        Save(ModelDirectory.GuideFile, foreign, other);
        var e = Assert.Throws<TesseraError>(() => VideoGenerator.Load(dir));
        Assert.Contains(Path.Combine(dir, ModelDirectory.GuideFile), e.Message);
        Assert.Contains("caption vocabulary", e.Message);
    }

    private static string Comment(string video) =>
        ChildProcess.RunForText(FfmpegTools.Ffprobe, ["-v", "error", "-show_entries", "format_tags=comment", "-of", "default=nw=1:nk=1", video],
            TimeSpan.FromSeconds(30));

    [Fact]
    public void CudaFallsBackToTheCpuWithAMessage()
    {
        if (torch.cuda.is_available()) return;   // on a GPU machine there is nothing to fall back from
        var dir = Path.Combine(_root, "cuda");
        Directory.CreateDirectory(dir);
        var e = Assert.Throws<TesseraError>(() => VideoGenerator.Load(dir, "cuda"));   // no model: but the device was resolved first
        Assert.Contains("vae.safetensors", e.Message);
        Assert.Throws<TesseraError>(() => VideoGenerator.Load(dir, "tpu"));
    }

    [Fact]
    public void A_model_with_context_stills_or_pixels_tells_apart_contexts_the_VAE_squeezes_alike()
    {
        // The stand-in VAE averages frames 1, 2, 2, 2 into one latent frame: frames 1 = 40, 2 = 80 and 1 = 100, 2 = 60 give
        // the same average, so only the stills show which way the context moved.
        static byte[] Grey(byte v) => Enumerable.Repeat(v, 32 * 32 * 3).ToArray();
        IReadOnlyList<byte[]> a = [Grey(20), Grey(40), Grey(80)], b = [Grey(20), Grey(100), Grey(60)];
        var request = new SynthesisRequest("a red ball moves right", [3], 9, 32, 32, 2, 1.0, SamplerKind.Euler);
        torch.Tensor Sampled(DiffusionTransformer model, IReadOnlyList<byte[]> context)
        {
            torch.Tensor? latents = null;
            new VideoSynthesis(model, Captions, new StandInCodec(), 9, torch.CPU) { DrawsSampled = d => latents = d.clone().DetachFromDisposeScope() }
                .Run(request with { Context = context });
            return latents!;
        }
        using var plain = MicroModel(6);
        using var stills = MicroModel(6, contextStills: 4);
        Assert.True(Sampled(plain, a).allclose(Sampled(plain, b), rtol: 0, atol: 1e-4), "the plain model sees the same condition");
        Assert.True((Sampled(stills, a) - Sampled(stills, b)).abs().max().item<float>() > 1e-3, "the stills model must see the difference");
        using var pixels = MicroModel(6, contextPixels: 4);
        Assert.True((Sampled(pixels, a) - Sampled(pixels, b)).abs().max().item<float>() > 1e-3, "the pixels model must see the difference");
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
