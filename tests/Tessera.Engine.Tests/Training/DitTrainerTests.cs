using System.Globalization;
using Tessera.Engine.Checkpoints;
using Tessera.Engine.Dit;
using Tessera.Engine.Flow;
using Tessera.Engine.Native;
using Tessera.Engine.Tests.Data;
using Tessera.Engine.Tests.Latents;
using Tessera.Engine.Training;
using Tessera.Media;
using TorchSharp;

namespace Tessera.Engine.Tests.Training;

public sealed class DitTrainerTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "tessera-dit-train-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string _data;

    public DitTrainerTests()
    {
        TorchNative.EnsureLoaded();
        _data = Path.Combine(_root, "data");
        SyntheticDataset.Write(_data, count: 8, width: 32, height: 32, frames: 5);
    }

    private DitTrainOptions Options(string run, long steps, bool resume = false) =>
        new(_data, Path.Combine(_root, run), "stand-in", Preset: "micro", Resume: resume, BatchSize: 4, LearningRate: 2e-3,
            WarmupSteps: 2, MaxSteps: steps, SampleMinutes: 0, Seed: 11, Precision: "f32", Threads: 0);

    [Fact]
    public void ResumedRunEndsWithTheSameWeightsAsAnUnbrokenOne()
    {
        var codec = new StandInCodec();
        DitTrainer.Run(Options("straight", 6), codec, "stand-in");
        DitTrainer.Run(Options("broken", 3), codec, "stand-in");
        var resumed = DitTrainer.Run(Options("broken", 6, resume: true), codec, "stand-in");
        Assert.Equal(6, resumed.Step);
        // A run of a few seconds still reports the rate it trained at (it once showed 0.0 samples/s).
        Assert.True(resumed.SamplesPerSecond > 0, $"{resumed.SamplesPerSecond} samples/s");

        using var a = SafeTensorsFile.Load(Path.Combine(_root, "straight", DitTrainer.StateFile));
        using var b = SafeTensorsFile.Load(Path.Combine(_root, "broken", DitTrainer.StateFile));
        foreach (var (name, tensor) in a.Tensors.Where(t => t.Key.StartsWith("model.") || t.Key.StartsWith("ema.") || t.Key.StartsWith("adam_")))
            Assert.True(tensor.equal(b.Tensors[name]).all().item<bool>(), $"{name} differs after resume");
        Assert.Equal(a.Metadata["cursor"], b.Metadata["cursor"]);

        // The log has one row per step, with no duplicates from the resumed part.
        var rows = LossLog.Read(Path.Combine(_root, "broken", DitTrainer.LossCsv));
        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), rows.Select(r => r.Step));
        Assert.True(new FileInfo(Path.Combine(_root, "broken", DitTrainer.LossPng)).Length > 1000);
    }

    [Fact]
    public void LossFallsAndTheExportedModelLoads()
    {
        var heldOut = Path.Combine(_root, "held-out");
        SyntheticDataset.Write(heldOut, count: 4, width: 32, height: 32, frames: 5, seed: 2);
        var result = DitTrainer.Run(Options("learn", 60) with { Timesteps = TimestepDistribution.Uniform, ValDataDir = heldOut }, new StandInCodec(), "stand-in");
        var rows = LossLog.Read(Path.Combine(_root, "learn", DitTrainer.LossCsv));
        var first = rows.Take(10).Average(r => r.Loss);
        var last = rows.TakeLast(10).Average(r => r.Loss);
        Assert.True(last < 0.8 * first, $"loss {first:0.000} → {last:0.000}: training should reduce it");

        // The held-out loss is measured before the first step and at the end, and it falls too.
        var val = File.ReadAllLines(Path.Combine(_root, "learn", DitTrainer.ValCsv)).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(["0", "60"], val.Select(v => v[0]));
        var (before, after) = (double.Parse(val[0][1], CultureInfo.InvariantCulture), double.Parse(val[1][1], CultureInfo.InvariantCulture));
        Assert.True(after < 0.8 * before, $"held-out loss {before:0.000} → {after:0.000}: training should reduce it");

        var (model, tokenizer, info) = DitCheckpoint.Load(result.ModelPath);
        using (model)
        {
            Assert.Equal(60, info.Step);
            Assert.Equal(5, info.TrainFrames);
            Assert.Empty(tokenizer.Encode("a red ball moves right").UnknownWords);
        }
    }

    [Fact]
    public void StartingOverAnExistingRunOrResumingNothingIsRefused()
    {
        var codec = new StandInCodec();
        var missing = Assert.Throws<TesseraError>(() => DitTrainer.Run(Options("none", 1, resume: true), codec, "stand-in"));
        Assert.Contains("does not exist", missing.Message);
        DitTrainer.Run(Options("twice", 1), codec, "stand-in");
        var again = Assert.Throws<TesseraError>(() => DitTrainer.Run(Options("twice", 2), codec, "stand-in"));
        Assert.Contains("--resume", again.Message);
    }

    [Fact]
    public void MirrorAddsTheMirrorImagesAndAResumeMustKeepIt()
    {
        var codec = new StandInCodec();
        var lines = new List<string>();
        DitTrainer.Run(Options("mirror", 2) with { Mirror = true }, codec, "stand-in", log: lines.Add);
        // Every synthetic caption says left or right, so each of the 8 clips gets its mirror image.
        Assert.Contains(lines, l => l.Contains("--mirror: 8 of 8 clips name left or right"));
        var part = Directory.GetFiles(Path.Combine(_root, "mirror", "latents-mirrored"), "part-*.safetensors").Single();
        using (var content = SafeTensorsFile.Load(part))
        {
            Assert.Equal(8, content.Tensors["video"].shape[0]);
            Assert.All(System.Text.Json.JsonSerializer.Deserialize<List<List<string>>>(content.Metadata["captions"])!,
                captions => Assert.Matches("moves (left|right)", captions[0]));
        }

        var e = Assert.Throws<TesseraError>(() => DitTrainer.Run(Options("mirror", 3, resume: true), codec, "stand-in"));
        Assert.Contains("with --mirror", e.Message);
        Assert.Equal(3, DitTrainer.Run(Options("mirror", 3, resume: true) with { Mirror = true }, codec, "stand-in").Step);
    }

    [Fact]
    public void A_plain_model_gains_context_stills_through_init_and_a_resume_cannot_add_them()
    {
        var codec = new StandInCodec();
        var heldOut = Path.Combine(_root, "held-out");
        SyntheticDataset.Write(heldOut, count: 4, width: 32, height: 32, frames: 5, seed: 2);
        var plain = DitTrainer.Run(Options("plain", 2), codec, "stand-in");
        var refused = Assert.Throws<TesseraError>(() => DitTrainer.Run(Options("plain", 3, resume: true) with { ContextStills = true }, codec, "stand-in"));
        Assert.Contains("--init", refused.Message);

        var lines = new List<string>();
        var stills = DitTrainer.Run(Options("stills", 4) with { InitFrom = plain.ModelPath, ContextStills = true, ValDataDir = heldOut,
            Conditions = Engine.Training.ConditionMix.Parse("context") }, codec, "stand-in", log: lines.Add);
        Assert.Contains(lines, l => l.Contains("context stills added, their weights at zero"));
        // Its held-out loss before the first step is the plain model's own (the new weights start at zero).
        var val = File.ReadAllLines(Path.Combine(_root, "stills", DitTrainer.ValCsv)).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(["0", "4"], val.Select(v => v[0]));
        var (model, _, _) = DitCheckpoint.Load(stills.ModelPath);
        using (model) Assert.Equal(codec.TimeFactor, model.Config.ContextStills);
        var part = Directory.GetFiles(Path.Combine(_root, "stills", "latents"), "part-*.safetensors").Single();
        using (var content = SafeTensorsFile.Load(part)) Assert.Equal(new long[] { 8, 3, 3, 8, 8 }, content.Tensors["context_stills"].shape);
        // A resume keeps them without being told, and so does a new run started from the file.
        Assert.Equal(5, DitTrainer.Run(Options("stills", 5, resume: true) with { ValDataDir = heldOut,
            Conditions = Engine.Training.ConditionMix.Parse("context") }, codec, "stand-in").Step);
        var continued = DitTrainer.Run(Options("continued", 1) with { InitFrom = stills.ModelPath, Conditions = Engine.Training.ConditionMix.Parse("context") },
            codec, "stand-in");
        var (next, _, _) = DitCheckpoint.Load(continued.ModelPath);
        using (next) Assert.Equal(codec.TimeFactor, next.Config.ContextStills);
    }

    [Fact]
    public void A_stills_model_gains_context_pixels_through_init_keeps_both_and_a_resume_cannot_add_them()
    {
        var codec = new StandInCodec();
        var heldOut = Path.Combine(_root, "held-out");
        SyntheticDataset.Write(heldOut, count: 4, width: 32, height: 32, frames: 5, seed: 2);
        var context = Engine.Training.ConditionMix.Parse("context");
        var stills = DitTrainer.Run(Options("stills", 2) with { ContextStills = true, Conditions = context }, codec, "stand-in");
        var refused = Assert.Throws<TesseraError>(() => DitTrainer.Run(Options("stills", 3, resume: true) with { ContextPixels = true }, codec, "stand-in"));
        Assert.Contains("--context-pixels --init", refused.Message);

        var lines = new List<string>();
        var pixels = DitTrainer.Run(Options("pixels", 3) with { InitFrom = stills.ModelPath, ContextPixels = true, ValDataDir = heldOut, Conditions = context },
            codec, "stand-in", log: lines.Add);
        Assert.Contains(lines, l => l.Contains("context pixels added, their weights at zero"));
        Assert.DoesNotContain(lines, l => l.Contains("context stills added"));
        var (model, _, _) = DitCheckpoint.Load(pixels.ModelPath);
        using (model)
        {
            Assert.Equal((codec.TimeFactor, codec.TimeFactor, codec.SpaceFactor), (model.Config.ContextStills, model.Config.ContextPixels, model.Config.PixelFactor));
        }
        var part = Directory.GetFiles(Path.Combine(_root, "pixels", "latents"), "part-*.safetensors").Single();
        using (var content = SafeTensorsFile.Load(part))
        {
            Assert.Equal(new long[] { 8, 3 * 4 * 4, 3, 8, 8 }, content.Tensors["context_pixels"].shape);
            Assert.True(content.Tensors.ContainsKey("context_stills"));
        }
        // A resume keeps them without being told.
        Assert.Equal(4, DitTrainer.Run(Options("pixels", 4, resume: true) with { ValDataDir = heldOut, Conditions = context }, codec, "stand-in").Step);
    }

    [Fact]
    public void TheLearningRateWarmsUpHoldsAndDecaysToZeroAtTheLastStep()
    {
        var o = Options("schedule", 1000) with { LearningRate = 1e-3, WarmupSteps = 100, DecaySteps = 200 };
        Assert.Equal(1e-5, DitTrainer.LearningRate(o, 0), 12);
        Assert.Equal(1e-3, DitTrainer.LearningRate(o, 500), 12);
        Assert.Equal(5e-4, DitTrainer.LearningRate(o, 900), 12);
        Assert.Equal(5e-6, DitTrainer.LearningRate(o, 999), 12);
        Assert.Equal(1e-3, DitTrainer.LearningRate(o with { DecaySteps = 0 }, 999), 12);
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
