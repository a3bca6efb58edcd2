using System.CommandLine;
using System.Globalization;
using Tessera.Cli.Terminal;
using Tessera.Engine.Dit;
using Tessera.Engine.Flow;
using Tessera.Engine.Generation;
using Tessera.Engine.Latents;
using Tessera.Engine.Native;
using Tessera.Engine.Training;
using Tessera.Media;
using TorchSharp;

namespace Tessera.Cli.Verbs;

/// <summary><c>tessera train dit --data DIR --out DIR</c>: rectified-flow training of the diffusion transformer on VAE latents.</summary>
public static class TrainDitCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Data set folder (tessera world dataset … --frames 17)", Required = true };
        var output = new Option<string>("--out") { Description = "Run folder: dit.safetensors (EMA), train-state.safetensors, loss.csv, loss.png, samples/", Required = true };
        var vae = new Option<string?>("--vae") { Description = "The frozen VAE (default: the shipped models/world-tiny/vae.safetensors)" };
        var preset = new Option<string>("--preset") { Description = $"Model size: {string.Join(", ", DitConfig.Presets.Keys)}", DefaultValueFactory = _ => "tiny" };
        var init = new Option<string?>("--init") { Description = "Start a new run from a model file's weights (e.g. models/world-tiny/dit.safetensors), with a fresh optimizer" };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out exactly where its last checkpoint left it" };
        var batch = new Option<int>("--batch") { Description = "Clips per step", DefaultValueFactory = _ => 16 };
        var lr = new Option<double>("--lr") { Description = "Peak learning rate", DefaultValueFactory = _ => 3e-4 };
        var warmup = new Option<int>("--warmup") { Description = "Warm-up steps", DefaultValueFactory = _ => 200 };
        var steps = new Option<long?>("--steps") { Description = "Stop after this many steps in all" };
        var minutes = new Option<double?>("--minutes") { Description = "Stop after this many minutes in this process" };
        var checkpointMinutes = new Option<double>("--checkpoint-minutes") { Description = "Minutes between checkpoints", DefaultValueFactory = _ => 5 };
        var sampleMinutes = new Option<double>("--sample-minutes") { Description = "Minutes between sample videos (0 = none)", DefaultValueFactory = _ => 15 };
        var seed = new Option<int>("--seed") { Description = "Seed of data order, captions, conditions and noise", DefaultValueFactory = _ => 0 };
        var precision = new Option<string>("--precision") { Description = "auto, bf16 or f32 matmuls (norms and loss stay f32); auto is bf16 on CUDA and on CPUs with native bf16 (AVX-512 BF16, AMX), else f32", DefaultValueFactory = _ => PrecisionChoice.Auto };
        var timesteps = new Option<string>("--timesteps") { Description = "logit-normal or uniform training times", DefaultValueFactory = _ => "logit-normal" };
        var maxClips = new Option<int?>("--max-clips") { Description = "Use only the first N clips of the data set" };
        var conditions = new Option<string?>("--conditions") { Description = $"Training mix of frame conditions: {ConditionMix.Syntax}; default {ConditionMix.Default}" };
        var contextStills = new Option<bool>("--context-stills") { Description = "Also give a context's frames that share a 4-frame group with held copies (frames 1 and 2 of 3) one by one, each encoded as a still; with --init, a model made without them gains them" };
        var contextPixels = new Option<bool>("--context-pixels") { Description = "Also give every context frame as its pixels, folded onto the latent grid (each token sees the exact pixels under its cell); with --init, a model made without them gains them" };
        var lossyContext = new Option<double>("--lossy-context") { Description = "Fraction of context-conditioned samples whose context frames first go through 4:2:0 chroma, as in a user's MP4 (0: clean frames only)", DefaultValueFactory = _ => 0 };
        var stills = new Option<double>("--stills") { Description = "Fraction of steps trained on stills (first frames alone)", DefaultValueFactory = _ => 0.1 };
        var valData = new Option<string?>("--val-data") { Description = "Held-out data set (same --size and --frames): its loss at fixed flow times is logged at each checkpoint to val.csv" };
        var valClips = new Option<int>("--val-clips") { Description = "Clips of --val-data to use", DefaultValueFactory = _ => 64 };
        var decaySteps = new Option<long>("--decay-steps") { Description = "Decay the learning rate linearly to 0 over the last N steps before --steps", DefaultValueFactory = _ => 0 };
        var mirror = new Option<bool>("--mirror") { Description = "Also train on the left-right mirror images of the clips whose captions say left or right (左/右), with those words swapped: teaches the model to follow them" };
        var device = new Option<string>("--device") { Description = "cpu, or cuda (a CUDA libtorch: set TESSERA_LIBTORCH_DIR to PyTorch's torch/lib)", DefaultValueFactory = _ => "cpu" };
        var threads = new Option<int>("--threads") { Description = "CPU threads for torch (0 = all cores)", DefaultValueFactory = _ => 0 };
        var command = new Command("dit", VerbAction.Describe(
            "Train the diffusion transformer (and its text encoder) on a data set's VAE latents",
            "tessera train dit --data /work/data/free-64 --out runs/dit --preset tiny",
            "tessera train dit --data /work/data/free-64 --out runs/dit --resume",
            "tessera train dit --data DIR --out runs/dit --vae runs/vae/vae.safetensors --minutes 60",
            "tessera train dit --data data/uniform --out runs/phy --conditions context --stills 0 --val-data data/uniform-val",
            "tessera train dit --data DIR --out runs/dit --resume --steps 6000 --decay-steps 1000",
            "tessera train dit --data DIR --out runs/dit2 --init models/world-tiny/dit.safetensors --mirror",
            "TESSERA_LIBTORCH_DIR=/opt/torch/lib tessera train dit --data DIR --out runs/dit --device cuda --batch 256 --sample-minutes 0"));
        foreach (var o in new Option[] { data, output, vae, preset, init, resume, batch, lr, warmup, steps, minutes, checkpointMinutes, sampleMinutes, seed, precision, timesteps, conditions, stills, contextStills, contextPixels, lossyContext, valData, valClips, decaySteps, mirror, device, threads, maxClips })
            command.Options.Add(o);
        VerbAction.Set(command, parse =>
        {
            var options = new DitTrainOptions(
                parse.GetValue(data)!, parse.GetValue(output)!,
                parse.GetValue(vae) ?? Path.Combine(ModelDirectory.Resolve(null), ModelDirectory.VaeFile),
                parse.GetValue(preset)!, parse.GetValue(resume), parse.GetValue(batch), parse.GetValue(lr), parse.GetValue(warmup),
                parse.GetValue(steps), parse.GetValue(minutes), parse.GetValue(checkpointMinutes), parse.GetValue(sampleMinutes),
                parse.GetValue(seed), parse.GetValue(precision)!, FlowMatching.ParseDistribution(parse.GetValue(timesteps)!),
                Threads: parse.GetValue(threads), MaxClips: parse.GetValue(maxClips), Device: parse.GetValue(device)!, InitFrom: parse.GetValue(init),
                StillFraction: parse.GetValue(stills), Conditions: ParseConditions(parse.GetValue(conditions)),
                ValDataDir: parse.GetValue(valData), ValClips: parse.GetValue(valClips), DecaySteps: parse.GetValue(decaySteps), Mirror: parse.GetValue(mirror), LossyContext: parse.GetValue(lossyContext),
                ContextStills: parse.GetValue(contextStills), ContextPixels: parse.GetValue(contextPixels));
            Validate(options);
            TorchNative.EnsureLoaded();
            var matmulType = PrecisionChoice.Resolve(options.Precision, TrainingDevice.Resolve(options.Device).type);
            DitConfig.Preset(options.Preset);
            // MFU is against this CPU's measured matmul peak in the training precision.
            if (options.Threads > 0) torch.set_num_threads(options.Threads);
            var peaks = RunMatmulPeak.Measure(options.Device, matmulType, options.OutDir);
            var peak = peaks?.Best;
            if (peaks is { } p) Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {RunMatmulPeak.Describe(p.Measured, p.Best)}");
            using var codec = VaeLatentCodec.Load(options.VaePath, TrainingDevice.Resolve(options.Device));
            var codecId = VaeLatentCodec.Identify(options.VaePath);
            using var cancel = new CancellationTokenSource();
            // Ctrl+C or SIGTERM: finish the step, write a checkpoint, then stop (a second signal kills at once).
            using var signals = StopSignals.Cancel(cancel);
            var result = TerminalProgress.Run("training DiT", "steps", progress =>
                DitTrainer.Run(options, codec, codecId, peak?.GflopsPerSecond * 1e9, progress, line => Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {line}"), cancel.Token));
            if (peak is not null) RunMatmulPeak.Save(options.OutDir, peak, torch.get_num_threads());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"step {result.Step}: loss {result.LastLoss:0.0000}, {result.SamplesPerSecond:0.0} samples/s, {result.Parameters / 1e6:0.00}M parameters; model {result.ModelPath}"));
            return 0;
        });
        return command;
    }

    private static ConditionMix? ParseConditions(string? text)
    {
        if (text is null) return null;
        try { return ConditionMix.Parse(text); }
        catch (FormatException e) { throw new TesseraError($"--conditions: {e.Message}; the form is {ConditionMix.Syntax}"); }
    }

    private static void Validate(DitTrainOptions o)
    {
        if (o.ValClips < 1) throw new TesseraError($"--val-clips must be ≥ 1, got {o.ValClips}");
        if (o.ValDataDir is not null && !Directory.Exists(o.ValDataDir)) throw new TesseraError($"--val-data: {o.ValDataDir} does not exist; make one with tessera world dataset --out {o.ValDataDir} (same --size and --frames, another --seed)");
        if (o.DecaySteps < 0) throw new TesseraError($"--decay-steps must be ≥ 0, got {o.DecaySteps}");
        if (o.DecaySteps > 0 && o.MaxSteps is null) throw new TesseraError("--decay-steps needs --steps: the decay ends at that step");
        if (!(o.StillFraction >= 0 && o.StillFraction <= 1)) throw new TesseraError($"--stills must be in [0, 1], got {o.StillFraction}");
        if (!(o.LossyContext >= 0 && o.LossyContext <= 1)) throw new TesseraError($"--lossy-context must be in [0, 1], got {o.LossyContext}");
        if (o.BatchSize is < 1 or > 4096) throw new TesseraError($"--batch must be 1..4096, got {o.BatchSize}");
        if (!(o.LearningRate > 0) || o.LearningRate > 1) throw new TesseraError($"--lr must be in (0, 1], got {o.LearningRate}");
        if (o.WarmupSteps < 0) throw new TesseraError($"--warmup must be ≥ 0, got {o.WarmupSteps}");
        if (o.MaxClips is < 1) throw new TesseraError($"--max-clips must be ≥ 1, got {o.MaxClips}");
        if (o.MaxSteps is < 0) throw new TesseraError($"--steps must be ≥ 0, got {o.MaxSteps}");
        if (o.MaxMinutes is { } m && !(m > 0)) throw new TesseraError($"--minutes must be > 0, got {m}");
        if (!(o.CheckpointMinutes > 0)) throw new TesseraError($"--checkpoint-minutes must be > 0, got {o.CheckpointMinutes}");
        if (o.SampleMinutes < 0) throw new TesseraError($"--sample-minutes must be ≥ 0, got {o.SampleMinutes}");
        if (!Directory.Exists(o.DataDir)) throw new TesseraError($"--data: {o.DataDir} does not exist; make one with tessera world dataset --out {o.DataDir}");
        if (o.InitFrom is not null && o.Resume) throw new TesseraError("--init starts a new run and --resume continues one; pass only one of them");
        if (o.InitFrom is not null && !File.Exists(o.InitFrom)) throw new TesseraError($"--init: {o.InitFrom} does not exist; pass a dit.safetensors model file");
        if (!File.Exists(o.VaePath)) throw new TesseraError($"--vae: {o.VaePath} does not exist; train one with tessera train vae, or pass --vae PATH");
    }
}
