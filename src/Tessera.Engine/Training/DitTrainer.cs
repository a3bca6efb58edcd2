using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TorchSharp;
using Tessera.Engine.Checkpoints;
using Tessera.Engine.Data;
using Tessera.Engine.Dit;
using Tessera.Engine.Flow;
using Tessera.Engine.Generation;
using Tessera.Engine.Latents;
using Tessera.Engine.Text;
using Tessera.Media;
using static TorchSharp.torch;

namespace Tessera.Engine.Training;

/// <summary>How a training run ended.</summary>
public sealed record DitTrainResult(long Step, double LastLoss, double SamplesPerSecond, double? Mfu, string ModelPath, long Parameters);

/// <summary>
/// Rectified-flow training of the DiT on cached VAE latents. One flat loop in a fixed order: lr,
/// batch, noise, forward, loss, backward, clip, step, EMA, log; a checkpoint (weights, EMA, optimizer,
/// step, data position) every few minutes so a killed run resumes exactly where it was.
/// </summary>
public static class DitTrainer
{
    public const string StateFile = "train-state.safetensors";
    public const string ModelFile = "dit.safetensors";
    public const string LossCsv = "loss.csv";
    public const string LossPng = "loss.png";
    public const string ValCsv = "val.csv";
    private const string StateFormat = "tessera-dit-train/1";

    public static DitTrainResult Run(DitTrainOptions o, IVideoLatentCodec codec, string codecId, double? peakFlopsPerSecond = null,
        IProgress<ProgressUpdate>? progress = null, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        log ??= _ => { };
        Directory.CreateDirectory(o.OutDir);
        var statePath = Path.Combine(o.OutDir, StateFile);
        if (o.Resume && !File.Exists(statePath))
            throw new TesseraError($"--resume: {statePath} does not exist; start a new run without --resume");
        if (!o.Resume && File.Exists(statePath))
            throw new TesseraError($"{o.OutDir} already holds a run ({StateFile}); pass --resume to continue it or choose another --out");
        if (o.Threads > 0) torch.set_num_threads(o.Threads);
        var device = TrainingDevice.Resolve(o.Device);
        // tf32 for the f32 matmuls that stay (norms, embeddings); the big ones run in the --precision type.
        if (device.type == DeviceType.CUDA) backends.cuda.matmul.allow_tf32 = true;

        SafeTensorsContent? state = o.Resume ? SafeTensorsFile.Load(statePath) : null;
        if (state is not null && state.Metadata.GetValueOrDefault("format") != StateFormat)
            throw new TesseraError($"{statePath} is not a DiT training state (format '{state.Metadata.GetValueOrDefault("format")}')");
        if (state is not null && TrainedWithMirror(state) != o.Mirror)
            throw new TesseraError($"--resume: the run in {o.OutDir} was trained {(o.Mirror ? "without" : "with")} --mirror, and its data order depends on it; resume it {(o.Mirror ? "without" : "with")} --mirror");

        // A new run may start from a model file's weights (--init): its shape and vocabulary then replace the preset's.
        using var init = state is null && o.InitFrom is not null ? SafeTensorsFile.Load(o.InitFrom) : null;
        if (init is not null && init.Metadata.GetValueOrDefault("format") != DitCheckpoint.FormatName)
            throw new TesseraError($"--init {o.InitFrom} is not a DiT model file (format '{init.Metadata.GetValueOrDefault("format")}', expected {DitCheckpoint.FormatName})");
        var stateConfig = state is null ? null : DitConfig.FromJson(state.Metadata["config"], statePath);
        var initConfig = init is null ? null : DitConfig.FromJson(init.Metadata["config"], o.InitFrom!);
        RefuseToGainMidRun(o.ContextStills, stateConfig?.ContextStills, "--context-stills", "context stills");
        RefuseToGainMidRun(o.ContextPixels, stateConfig?.ContextPixels, "--context-pixels", "context pixels");
        // A model made with context stills or pixels keeps them, whether it is resumed or continued with --init.
        var stills = o.ContextStills || stateConfig?.ContextStills > 0 || initConfig?.ContextStills > 0;
        var pixels = o.ContextPixels || stateConfig?.ContextPixels > 0 || initConfig?.ContextPixels > 0;

        // A resumed run's optimizer state has no place for new inputs: it gains them through a new run started from its file.
        void RefuseToGainMidRun(bool asked, int? slotsInState, string flag, string what)
        {
            if (asked && slotsInState == 0)
                throw new TesseraError($"--resume {flag}: the run in {o.OutDir} was made without {what} and cannot gain them mid-run; start a new run with {flag} --init {Path.Combine(o.OutDir, ModelFile)}");
        }

        var dataset = ClipDataset.Open(o.DataDir);
        var clips = Math.Min(dataset.Count, o.MaxClips ?? int.MaxValue);
        var cacheDir = Path.Combine(o.OutDir, "latents");
        log($"latents of {clips} clips: cache {cacheDir}, encoding the clips it lacks");
        // The latents stay on the CPU (batches are assembled there, then moved): only the model and the step run on the device.
        var encodeBatch = EncodeBatch(device);
        if (o.LossyContext > 0) log($"--lossy-context {o.LossyContext.ToString(CultureInfo.InvariantCulture)}: the cache also holds each clip's context after a 4:2:0 round trip");
        if (stills) log("context stills: the cache also holds each clip's context frames encoded one by one as stills");
        if (pixels) log("context pixels: the cache also holds each clip's context frames as pixels on the latent grid");
        var clipLatents = LatentCache.Build(dataset, codec, codecId, cacheDir, 3, progress, cancellationToken,
            encodeBatch: encodeBatch, maxClips: clips, counted: Counted(cacheDir, log), lossyContext: o.LossyContext > 0, contextStills: stills,
            contextPixels: pixels);
        using var data = o.Mirror ? WithMirrorImages(clipLatents, dataset, clips, codec, codecId, o.OutDir, encodeBatch, progress, log, cancellationToken, o.LossyContext > 0, stills, pixels) : clipLatents;

        var (source, sourcePath) = state is not null ? (state, statePath) : (init, o.InitFrom ?? "");
        var tokenizer = source is null
            ? CaptionTokenizer.Build(data.Captions.SelectMany(c => c), DitConfig.Preset(o.Preset).MaxTextTokens)
            : new CaptionTokenizer(source.Require("caption_vocabulary", sourcePath).to_type(ScalarType.Int32).data<int>().ToArray(), DitConfig.FromJson(source.Metadata["config"], sourcePath).MaxTextTokens);
        var config = source is null
            ? DitConfig.Preset(o.Preset) with { LatentChannels = codec.LatentChannels, VocabularySize = tokenizer.VocabularySize }
            : DitConfig.FromJson(source.Metadata["config"], sourcePath);
        if (stills && config.ContextStills == 0) config = config with { ContextStills = codec.TimeFactor };
        if (pixels && config.ContextPixels == 0) config = config with { ContextPixels = codec.TimeFactor, PixelFactor = codec.SpaceFactor };
        if (pixels && config.PixelFactor != codec.SpaceFactor)
            throw new TesseraError($"{(state is not null ? statePath : o.InitFrom)} reads context pixels in {config.PixelFactor}×{config.PixelFactor} blocks; this VAE's latent cells are {codec.SpaceFactor}×{codec.SpaceFactor} pixels");
        if (config.LatentChannels != codec.LatentChannels)
            throw new TesseraError($"{statePath} was trained on {config.LatentChannels}-channel latents; this VAE makes {codec.LatentChannels}");

        torch.manual_seed(o.Seed);
        using var model = new DiffusionTransformer(config);
        model.to(device);
        model.Precision.Type = PrecisionChoice.Resolve(o.Precision, device.type);
        model.train();
        if (init is not null)
        {
            DitCheckpoint.LoadWeights(model, init, "", o.InitFrom!, widenFrom: initConfig);
            log($"starting from the weights of {o.InitFrom} (step {init.Metadata.GetValueOrDefault("step")}); fresh optimizer" +
                (stills && initConfig!.ContextStills == 0 ? "; context stills added, their weights at zero" : "") +
                (pixels && initConfig!.ContextPixels == 0 ? "; context pixels added, their weights at zero" : ""));
        }
        var named = model.named_parameters().Select(p => (p.name, (Tensor)p.parameter)).ToList();
        var optimizer = new AdamW(named);
        var ema = new EmaWeights(named, o.EmaDecay);
        long step = 0, epoch = 0, cursor = 0;
        double elapsedBefore = 0;
        if (state is not null)
        {
            DitCheckpoint.LoadWeights(model, state, "model.", statePath);
            ema.Load(state, "ema.", statePath);
            optimizer.LoadState(state, statePath);
            step = long.Parse(state.Metadata["step"], CultureInfo.InvariantCulture);
            epoch = long.Parse(state.Metadata["epoch"], CultureInfo.InvariantCulture);
            cursor = long.Parse(state.Metadata["cursor"], CultureInfo.InvariantCulture);
            elapsedBefore = double.Parse(state.Metadata["elapsed_s"], CultureInfo.InvariantCulture);
            state.Dispose();
            log($"resumed at step {step} (epoch {epoch}, clip {cursor} of {data.Count})");
        }
        var parameters = model.ParameterCount();
        var tokens = (int)(data.Video.shape[2] * data.Video.shape[3] * data.Video.shape[4] / model.Patcher.Volume);
        var flopsPerSample = model.TrainingFlopsPerSample(tokens);
        log($"DiT {config.Name}: {parameters / 1e6:0.00}M parameters, {tokens} tokens a clip, {model.Precision.Type} matmuls{(o.Precision.Equals(PrecisionChoice.Auto, StringComparison.OrdinalIgnoreCase) ? $" (auto: {PrecisionChoice.Describe(device.type)})" : "")}, batch {o.BatchSize}");

        using var lossLog = new LossLog(Path.Combine(o.OutDir, LossCsv), step);
        var batches = new TrainingBatchBuilder(data, tokenizer, o.CaptionDropout, o.StillFraction, o.Conditions, o.LossyContext, config.ContextStills, config.ContextPixels);
        var order = Permutation(data.Count, o.Seed, epoch);
        var info = new DitTrainingInfo(step, data.Frames, data.Width, data.Height, data.Fps);
        var shift = FlowMatching.ShiftFor(tokens);

        using var validation = OpenValidation(o, codec, codecId, data, tokenizer, device, log, config.ContextStills, config.ContextPixels);
        var valLog = new ValidationLog(Path.Combine(o.OutDir, ValCsv), step);
        if (validation is not null && step == 0) Validate(validation, model, ema, valLog, step, 0, log);   // the baseline

        var clock = Stopwatch.StartNew();
        var lastCheckpoint = clock.Elapsed;
        var lastSample = clock.Elapsed;
        var lastLog = clock.Elapsed;
        var windowStart = (Time: clock.Elapsed, Samples: 0L);
        double samplesPerSecond = 0, lastLoss = double.NaN;
        var windowClosed = false;
        var startStep = step;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (o.MaxSteps is { } max && step >= max) break;
            if (o.MaxMinutes is { } minutes && clock.Elapsed.TotalMinutes >= minutes) break;
            // ---- learning rate: linear warm-up, constant (runs are continued across sessions), optional final decay ----
            var lr = LearningRate(o, step);
            // ---- batch: the next clips of this epoch's shuffled order ----
            if (cursor + o.BatchSize > data.Count)
            {
                epoch++;
                cursor = 0;
                order = Permutation(data.Count, o.Seed, epoch);
            }
            var indices = order.Skip((int)cursor).Take(Math.Min(o.BatchSize, data.Count)).ToList();
            cursor += indices.Count;
            var rng = new Random(unchecked(o.Seed * 1_000_003 + (int)step));
            using (var scope = torch.NewDisposeScope())
            {
                var batch = ToDevice(batches.Build(indices, rng), device);
                // Noise and times are drawn on the CPU from the step's seed, so a run is the same on any device.
                var generator = new Generator((ulong)(uint)o.Seed * 1_000_000_007UL + (ulong)step);
                var noise = torch.randn(batch.Latents.shape, generator: generator).to(device);
                var stepTokens = (int)(batch.Latents.shape[2] * batch.Latents.shape[3] * batch.Latents.shape[4] / model.Patcher.Volume);
                var t = FlowMatching.SampleTimes(indices.Count, o.Timesteps, FlowMatching.ShiftFor(stepTokens), generator).to(device);
                var xt = FlowMatching.Noise(batch.Latents, noise, t);
                // ---- forward / loss (f32) / backward ----
                var velocity = model.forward(batch.Condition.Input(xt, model.Config), t, batch.Ids);
                var loss = nn.functional.mse_loss(velocity, noise - batch.Latents);
                optimizer.ZeroGrad();
                loss.backward();
                optimizer.ClipGradNorm(1.0);
                optimizer.Update(lr);
                ema.Update(step);
                lastLoss = loss.item<float>();    // note: a sync point, once a step
            }
            if (!double.IsFinite(lastLoss))
                throw new TesseraError($"training diverged at step {step} (loss {lastLoss}); resume from the last checkpoint with a lower --lr", 1);
            step++;
            windowStart.Samples += indices.Count;
            var windowSeconds = (clock.Elapsed - windowStart.Time).TotalSeconds;
            // A rate over ~10 s windows; until the first window closes, the rate so far (a short resumed run
            // would otherwise report 0.0 samples/s, and an MFU of 0).
            if (windowSeconds >= 10 || (!windowClosed && windowSeconds > 0))
                samplesPerSecond = windowStart.Samples / windowSeconds;
            if (windowSeconds >= 10)
            {
                windowStart = (clock.Elapsed, 0);
                windowClosed = true;
            }
            lossLog.Add(new LossRow(step, lastLoss, lr, samplesPerSecond, elapsedBefore + clock.Elapsed.TotalSeconds));
            var mfu = peakFlopsPerSecond is > 0 ? samplesPerSecond * flopsPerSample / peakFlopsPerSecond : null;
            var status = string.Create(CultureInfo.InvariantCulture, $"step {step} loss {lastLoss:0.0000} {samplesPerSecond:0.0} samples/s");
            if (mfu is { } u) status += string.Create(CultureInfo.InvariantCulture, $" MFU {u:P1}");
            progress?.Report(new ProgressUpdate(step - startStep, o.MaxSteps is { } m ? m - startStep : 0, status));

            if ((clock.Elapsed - lastLog).TotalMinutes >= 1)
            {
                var mean = lossLog.Rows.TakeLast(50).Average(r => r.Loss);
                var line = string.Create(CultureInfo.InvariantCulture,
                    $"step {step}: loss {lastLoss:0.0000} (mean of last 50: {mean:0.0000}), {samplesPerSecond:0.0} samples/s, {samplesPerSecond * flopsPerSample / 1e9:0.0} GFLOP/s");
                if (mfu is { } f) line += string.Create(CultureInfo.InvariantCulture, $", MFU {f:P1}");
                log(line);
                lastLog = clock.Elapsed;
            }
            // ---- checkpoint and samples on wall-clock intervals ----
            if ((clock.Elapsed - lastCheckpoint).TotalMinutes >= o.CheckpointMinutes)
            {
                SaveCheckpoint(o, model, optimizer, ema, tokenizer, info with { Step = step }, step, epoch, cursor, elapsedBefore + clock.Elapsed.TotalSeconds, lossLog);
                lastCheckpoint = clock.Elapsed;
                log($"checkpoint at step {step}: loss {lastLoss:0.0000}, {samplesPerSecond:0.0} samples/s");
                if (validation is not null) Validate(validation, model, ema, valLog, step, elapsedBefore + clock.Elapsed.TotalSeconds, log);
            }
            if (o.SampleMinutes > 0 && (clock.Elapsed - lastSample).TotalMinutes >= o.SampleMinutes)
            {
                WriteSample(o, model, ema, tokenizer, codec, data, step, log);
                lastSample = clock.Elapsed;
            }
        }
        SaveCheckpoint(o, model, optimizer, ema, tokenizer, info with { Step = step }, step, epoch, cursor, elapsedBefore + clock.Elapsed.TotalSeconds, lossLog);
        if (validation is not null && step > startStep) Validate(validation, model, ema, valLog, step, elapsedBefore + clock.Elapsed.TotalSeconds, log);
        var finalMfu = peakFlopsPerSecond is > 0 ? samplesPerSecond * flopsPerSample / peakFlopsPerSecond : null;
        return new DitTrainResult(step, lastLoss, samplesPerSecond, finalMfu, Path.Combine(o.OutDir, ModelFile), parameters);
    }

    private static TrainingBatch ToDevice(TrainingBatch b, Device device) =>
        device.type == DeviceType.CPU
            ? b
            : new TrainingBatch(b.Latents.to(device), b.Condition.To(device), b.Ids.to(device));

    /// <summary>Warm-up from 0, then the peak rate; with <see cref="DitTrainOptions.DecaySteps"/>, down to 0 at the last step.</summary>
    public static double LearningRate(DitTrainOptions o, long step)
    {
        var lr = o.LearningRate * Math.Min(1.0, (step + 1.0) / Math.Max(1, o.WarmupSteps));
        if (o.DecaySteps > 0 && o.MaxSteps is { } end && step >= end - o.DecaySteps)
            lr *= Math.Max(0.0, (double)(end - step) / o.DecaySteps);
        return lr;
    }

    private static bool TrainedWithMirror(SafeTensorsContent state)
    {
        if (!state.Metadata.TryGetValue("options", out var json)) return false;
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.TryGetProperty(nameof(DitTrainOptions.Mirror), out var mirror) && mirror.ValueKind == JsonValueKind.True;
    }

    /// <summary>
    /// --mirror: the clips' latents followed by those of the mirror images of the clips whose captions name a side
    /// (cached in the run's latents-mirrored folder). Resuming needs the same flag, as the data order depends on it.
    /// </summary>
    private static LatentSet WithMirrorImages(LatentSet clipLatents, ClipDataset dataset, int clips, IVideoLatentCodec codec, string codecId,
        string outDir, int encodeBatch, IProgress<ProgressUpdate>? progress, Action<string> log, CancellationToken cancellationToken, bool lossyContext,
        bool contextStills, bool contextPixels)
    {
        var mirrored = new MirroredClips(dataset, clips);
        if (mirrored.Count == 0)
        {
            log($"--mirror: none of the {clips} clips' captions names left or right, so there is nothing to mirror");
            return clipLatents;
        }
        var cacheDir = Path.Combine(outDir, "latents-mirrored");
        log($"--mirror: {mirrored.Count} of {clips} clips name left or right; their mirror images' latents: cache {cacheDir}, encoding the clips it lacks");
        var mirrorLatents = LatentCache.Build(mirrored, codec, codecId, cacheDir, clipLatents.ContextFrames,
            progress, cancellationToken, encodeBatch: encodeBatch, counted: Counted(cacheDir, log), lossyContext: lossyContext,
            contextStills: contextStills, contextPixels: contextPixels);
        return LatentSet.Join(clipLatents, mirrorLatents);
    }

    /// <summary>The held-out set's latents (cached beside the run's) and its fixed batches, or null without --val-data.</summary>
    private static ValidationLoss? OpenValidation(DitTrainOptions o, IVideoLatentCodec codec, string codecId, LatentSet data,
        CaptionTokenizer tokenizer, Device device, Action<string> log, int stillSlots, int pixelSlots)
    {
        if (o.ValDataDir is null) return null;
        var dataset = ClipDataset.Open(o.ValDataDir);
        if (dataset.Width != data.Width || dataset.Height != data.Height || dataset.Frames != data.Frames)
            throw new TesseraError($"--val-data {o.ValDataDir} holds {dataset.Width}x{dataset.Height}x{dataset.Frames} clips; the training data is {data.Width}x{data.Height}x{data.Frames}: make it with the same --size and --frames");
        var cacheDir = Path.Combine(o.OutDir, "val-latents");
        log($"latents of {Math.Min(dataset.Count, o.ValClips)} held-out clips: cache {cacheDir}, encoding the clips it lacks");
        using var heldOut = LatentCache.Build(dataset, codec, codecId, cacheDir, data.ContextFrames,
            encodeBatch: EncodeBatch(device), maxClips: o.ValClips, counted: Counted(cacheDir, log), contextStills: stillSlots > 0,
            contextPixels: pixelSlots > 0);
        return new ValidationLoss(heldOut, tokenizer, o.Conditions, stillSlots, pixelSlots);
    }

    /// <summary>Held-out loss of the EMA weights (the ones that ship), logged and appended to val.csv.</summary>
    private static void Validate(ValidationLoss validation, DiffusionTransformer model, EmaWeights ema, ValidationLog valLog,
        long step, double elapsedSeconds, Action<string> log)
    {
        using var emaModel = EmaModel(model, ema);
        var loss = validation.Measure(emaModel);
        valLog.Add(step, loss, elapsedSeconds);
        log($"held-out loss at step {step}: {ValidationLoss.Format(loss)} ({validation.Clips} clips × {ValidationLoss.Times.Count} fixed times, EMA weights)");
    }

    /// <summary>A copy of the model holding the EMA weights on <paramref name="device"/> (default: the model's), for sampling and validation.</summary>
    private static DiffusionTransformer EmaModel(DiffusionTransformer model, EmaWeights ema, Device? device = null)
    {
        var copy = new DiffusionTransformer(model.Config);
        copy.to(device ?? model.parameters().First().device);
        copy.Precision.Type = model.Precision.Type;
        using (torch.no_grad())
            foreach (var (name, p) in copy.named_parameters()) p.copy_(ema.Shadow[name]);
        copy.eval();
        return copy;
    }

    private static List<int> Permutation(int count, int seed, long epoch)
    {
        var rng = new Random(unchecked(seed * 7919 + (int)epoch));
        var order = Enumerable.Range(0, count).ToArray();
        rng.Shuffle(order);
        return [.. order];
    }

    /// <summary>The full state (resume) and the shippable EMA model, each written atomically, then the loss plot.</summary>
    private static void SaveCheckpoint(DitTrainOptions o, DiffusionTransformer model, AdamW optimizer, EmaWeights ema,
        CaptionTokenizer tokenizer, DitTrainingInfo info, long step, long epoch, long cursor, double elapsedSeconds, LossLog lossLog)
    {
        var tensors = new Dictionary<string, Tensor>();
        foreach (var (name, p) in model.named_parameters()) tensors["model." + name] = p;
        foreach (var (name, t) in ema.Shadow) tensors["ema." + name] = t;
        var metadata = DitCheckpoint.Metadata(model.Config, info);
        metadata["format"] = StateFormat;
        metadata["epoch"] = epoch.ToString(CultureInfo.InvariantCulture);
        metadata["cursor"] = cursor.ToString(CultureInfo.InvariantCulture);
        metadata["elapsed_s"] = elapsedSeconds.ToString("R", CultureInfo.InvariantCulture);
        metadata["options"] = JsonSerializer.Serialize(o);
        optimizer.AddState(tensors, metadata);
        using var vocabulary = torch.tensor(tokenizer.VocabularyIds.ToArray(), ScalarType.Int32);
        tensors["caption_vocabulary"] = vocabulary;
        SafeTensorsFile.Save(Path.Combine(o.OutDir, StateFile), tensors, metadata);
        DitCheckpoint.Save(Path.Combine(o.OutDir, ModelFile), ema.Shadow, model.Config, tokenizer, info);
        try
        {
            LossPlot.Save(Path.Combine(o.OutDir, LossPng), lossLog.Rows);
        }
        catch (MediaError)
        {
            // The plot's PNG goes through ffmpeg; a training machine without it (the lent GPU machine) still
            // has loss.csv, and the checkpoint above is already complete.
        }
    }

    /// <summary>A short video from the EMA weights, so a long run can be watched as it learns.</summary>
    private static void WriteSample(DitTrainOptions o, DiffusionTransformer model, EmaWeights ema, CaptionTokenizer tokenizer,
        IVideoLatentCodec codec, LatentSet data, long step, Action<string> log)
    {
        using var sampler = EmaModel(model, ema, CPU);   // samples are made on the CPU, as before
        var synthesis = new VideoSynthesis(sampler, tokenizer, codec, data.Frames, CPU);
        var (videos, _) = synthesis.Run(new SynthesisRequest(o.SamplePrompt, [0], data.Frames, data.Width, data.Height, 20, 4.0, SamplerKind.Euler));
        var path = Path.Combine(o.OutDir, "samples", $"step-{step:D7}.mp4");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        FrameWriter.WriteAll(path, new FrameWriteOptions(data.Width, data.Height, data.Fps, Crf: 12), videos[0]);
        log($"sample video: {path}");
    }

    /// <summary>Logs how much of a latent cache was already there (a restart should encode nothing).</summary>
    private static Action<LatentCacheCounts> Counted(string cacheDir, Action<string> log) => counts => log($"{cacheDir}: {counts}");

    /// <summary>Clips encoded per VAE call: large batches on a GPU, small ones on a CPU (one choice for every cache).</summary>
    private static int EncodeBatch(Device device) => device.type == DeviceType.CUDA ? 64 : 4;
}
