using System.CommandLine;
using System.Globalization;
using Tessera.Cli.Terminal;
using Tessera.Engine.Training;
using Tessera.Engine.Vae;
using Tessera.Media;
using static TorchSharp.torch;

namespace Tessera.Cli.Verbs;

/// <summary><c>tessera train vae</c>: trains the video VAE on a data set folder; resumable.</summary>
public static class TrainVaeCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Training data set folder (from `tessera world dataset`)", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "Run folder: vae.safetensors, train-state.safetensors, loss.csv, loss.png, samples/", Required = true };
        var preset = new Option<string>("--preset") { Description = $"Model size: {string.Join(", ", VaeConfig.Presets.Keys)}", DefaultValueFactory = _ => "tiny" };
        var heldOut = new Option<string?>("--held-out") { Description = "Data set never trained on, for PSNR and sample videos (default: the training set)" };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its last checkpoint" };
        var steps = new Option<int>("--steps") { Description = "Optimizer steps in all", DefaultValueFactory = _ => 4000 };
        var batch = new Option<int>("--batch") { Description = "Crops per step", DefaultValueFactory = _ => 8 };
        var lr = new Option<double>("--lr") { Description = "Peak learning rate", DefaultValueFactory = _ => 2e-3 };
        var cropFrames = new Option<int>("--crop-frames") { Description = "Frames per training crop (1 + 4k)", DefaultValueFactory = _ => 9 };
        var cropSize = new Option<int>("--crop-size") { Description = "Side of the square training crop in pixels", DefaultValueFactory = _ => 32 };
        var every = new Option<double>("--checkpoint-minutes") { Description = "Minutes between checkpoints", DefaultValueFactory = _ => 3 };
        var threads = new Option<int>("--threads") { Description = "CPU threads for torch", DefaultValueFactory = _ => Math.Min(Environment.ProcessorCount, 2) };
        var device = new Option<string>("--device") { Description = "cpu, or cuda where libtorch has CUDA", DefaultValueFactory = _ => "cpu" };
        var minutes = new Option<double?>("--max-minutes") { Description = "Stop after this many minutes (the learning-rate schedule follows time then)" };
        var seed = new Option<int>("--seed") { Description = "Seed for initialisation, data order and crops", DefaultValueFactory = _ => 1 };
        var command = new Command("vae", VerbAction.Describe(
            "Train the causal video VAE (time ×4, space ×4) on a data set; checkpoints are resumable safetensors",
            "tessera train vae --data data/free-64 --held-out data/free-64-heldout --preset tiny --out runs/vae",
            "tessera train vae --data data/free-64 --out runs/vae --resume",
            "tessera train vae --data data/free-64 --out runs/vae-quick --steps 200 --checkpoint-minutes 1"));
        foreach (var o in new Option[] { data, output, preset, heldOut, resume, steps, batch, lr, cropFrames, cropSize, every, threads, seed, device, minutes })
            command.Options.Add(o);
        VerbAction.Set(command, parse =>
        {
            var name = parse.GetValue(preset)!;
            if (!VaeConfig.Presets.TryGetValue(name, out var config))
                throw new TesseraError($"unknown --preset '{name}'; use one of {string.Join(", ", VaeConfig.Presets.Keys)}");
            var options = new VaeTrainingOptions(parse.GetValue(data)!, parse.GetValue(output)!, config, parse.GetValue(heldOut),
                Steps: parse.GetValue(steps), BatchSize: parse.GetValue(batch), CropFrames: parse.GetValue(cropFrames),
                CropSize: parse.GetValue(cropSize), LearningRate: parse.GetValue(lr), CheckpointMinutes: parse.GetValue(every),
                Seed: parse.GetValue(seed), Resume: parse.GetValue(resume), Threads: parse.GetValue(threads), Device: parse.GetValue(device)!, MaxMinutes: parse.GetValue(minutes));
            options.Validate();
            return Train(options);
        });
        return command;
    }

    private static int Train(VaeTrainingOptions options)
    {
        Tessera.Engine.Native.TorchNative.EnsureLoaded();
        set_num_threads(options.Threads);
        var peaks = RunMatmulPeak.Measure(options.Device, ScalarType.Float32, options.OutDir);
        var peak = peaks?.Best;
        var inv = CultureInfo.InvariantCulture;
        if (peaks is { } p) Console.WriteLine(RunMatmulPeak.Describe(p.Measured, p.Best));
        using var cancel = new CancellationTokenSource();
        // Ctrl+C or SIGTERM stops after the current step and writes a checkpoint, so --resume loses nothing.
        using var signals = StopSignals.Cancel(cancel);
        var plain = !TerminalProgress.Interactive;
        var trainer = new VaeTrainer(options, line => Console.WriteLine(line));
        var result = TerminalProgress.Run($"train vae {options.Config.Name}", "steps", progress =>
            trainer.Run(plain ? new LinePrinter(50) : progress, cancel.Token));
        if (peak is not null) RunMatmulPeak.Save(options.OutDir, peak, get_num_threads());
        var mfu = peak is null ? "n/a (no measured peak on this device)"
            : string.Create(inv, $"{ThroughputProbe.Mfu(result.SamplesPerSecond, result.TrainFlopsPerSample, peak):P1} of {peak.GflopsPerSecond:0.0} GFLOP/s");
        Console.WriteLine(string.Create(inv,
            $"{result.ModelPath}: step {result.Step}, loss {result.Loss:0.00000}, held-out PSNR {result.HeldOutPsnr:0.00} dB, " +
            $"{result.SamplesPerSecond:0.00} samples/s ({options.CropFrames}×{options.CropSize}² crops), " +
            $"{result.TrainFlopsPerSample / 1e9:0.00} GFLOP/sample, MFU {mfu}"));
        return cancel.IsCancellationRequested ? 130 : 0;
    }

    /// <summary>Without a terminal (nohup, CI logs): one plain line every N steps instead of a bar.</summary>
    private sealed class LinePrinter(int every) : IProgress<ProgressUpdate>
    {
        private readonly DateTime _start = DateTime.UtcNow;

        public void Report(ProgressUpdate value)
        {
            if ((long)value.Done % every != 0 && value.Done < value.Total) return;
            var elapsed = (DateTime.UtcNow - _start).TotalSeconds;
            var eta = value.Done > 0 ? TimeSpan.FromSeconds(elapsed / value.Fraction * (1 - value.Fraction)) : TimeSpan.Zero;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{DateTime.UtcNow:HH:mm:ss} {value.Status} ({value.Fraction:P1}, ETA {eta:hh\\:mm\\:ss})"));
        }
    }
}
