using System.Globalization;
using Tessera.Engine.Checkpoints;
using Tessera.Engine.Native;
using Tessera.Engine.Tests.Data;
using Tessera.Engine.Training;
using Tessera.Engine.Vae;
using Tessera.Media;
using TorchSharp;

namespace Tessera.Engine.Tests.Vae;

public sealed class VaeTrainerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tessera-vaetrain-").FullName;
    private readonly string _data;

    public VaeTrainerTests()
    {
        TorchNative.EnsureLoaded();
        _data = Path.Combine(_dir, "data");
        SyntheticDataset.Write(_data, count: 3, width: 16, height: 16, frames: 5, shardSize: 2);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private VaeTrainingOptions Options(string name, int steps) =>
        new(_data, Path.Combine(_dir, name), VideoVaeTests.Mini, Steps: steps, BatchSize: 2, CropFrames: 5, CropSize: 16,
            LearningRate: 5e-3, WarmupSteps: 3, LogEvery: 1, EvalClips: 2, CheckpointMinutes: 60, Seed: 7);

    [Fact]
    public void TrainingLowersTheLossAndWritesEveryOutput()
    {
        var options = Options("run", steps: 30);
        var result = new VaeTrainer(options).Run();
        var rows = File.ReadAllLines(Path.Combine(options.OutDir, VaeTrainer.LossFile));
        Assert.Equal(VaeLossLog.Header, rows[0]);
        var losses = rows.Skip(1).Select(r => double.Parse(r.Split(',')[1], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(30, losses.Count);
        Assert.True(losses.TakeLast(5).Average() < 0.7 * losses.Take(3).Average(),
            $"loss went from {losses.Take(3).Average():0.0000} to {losses.TakeLast(5).Average():0.0000}");
        Assert.Equal(30, result.Step);
        Assert.True(result.HeldOutPsnr is > 5 and < 100, $"PSNR {result.HeldOutPsnr}");
        Assert.True(result.TrainFlopsPerSample > 0);

        // The exported model loads and carries its scale and score; the plot and a sample video exist.
        using var model = SafeTensorsFile.Load(result.ModelPath);
        Assert.Equal(VideoVae.FormatName, model.Metadata["format"]);
        Assert.True(double.Parse(model.Metadata["latent_scale"], CultureInfo.InvariantCulture) > 0);
        Assert.Contains("heldout_psnr_db", model.Metadata.Keys);
        var png = File.ReadAllBytes(Path.Combine(options.OutDir, VaeTrainer.PlotFile));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        var sample = Assert.Single(Directory.GetFiles(Path.Combine(options.OutDir, "samples"), "*.mp4"));
        Assert.Equal(5, MediaProbe.Probe(sample).Video!.FrameCount ?? 5);

        // A second run into the same folder without --resume is refused rather than overwriting it.
        var e = Assert.Throws<TesseraError>(() => new VaeTrainer(options).Run());
        Assert.Contains("--resume", e.Message);
    }

    [Fact]
    public void ResumedRunMatchesAnUninterruptedOne()
    {
        var straight = Options("straight", steps: 6);
        new VaeTrainer(straight).Run();

        var split = Options("split", steps: 6);
        using (var stop = new CancellationTokenSource())
        {
            // Stop after step 3, as Ctrl+C would: the trainer checkpoints and returns.
            var progress = new Inline(u => { if (u.Done >= 3) stop.Cancel(); });
            Assert.Equal(3, new VaeTrainer(split).Run(progress, stop.Token).Step);
        }
        Assert.Equal(6, new VaeTrainer(split with { Resume = true }).Run().Step);

        using var a = SafeTensorsFile.Load(Path.Combine(straight.OutDir, VaeTrainer.StateFile));
        using var b = SafeTensorsFile.Load(Path.Combine(split.OutDir, VaeTrainer.StateFile));
        Assert.Equal("6", b.Metadata["step"]);
        Assert.Equal(a.Tensors.Keys.Order(), b.Tensors.Keys.Order());
        foreach (var (name, t) in a.Tensors)
            Assert.True(t.bytes.SequenceEqual(b.Tensors[name].bytes), $"{name} differs between the resumed and the uninterrupted run");
        // The loss log of the split run reads as one run: steps 1..6 once each, the same losses.
        static string[] Losses(string dir) => File.ReadAllLines(Path.Combine(dir, VaeTrainer.LossFile)).Skip(1).Select(r => string.Join(',', r.Split(',')[..2])).ToArray();
        Assert.Equal(Losses(straight.OutDir), Losses(split.OutDir));
    }

    private sealed class Inline(Action<ProgressUpdate> report) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value) => report(value);
    }
}
