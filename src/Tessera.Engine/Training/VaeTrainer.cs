using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Tessera.Engine.Checkpoints;
using Tessera.Engine.Data;
using Tessera.Engine.Native;
using Tessera.Engine.Vae;
using Tessera.Media;
using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Engine.Training;

/// <summary>How a VAE training run ended.</summary>
public sealed record VaeTrainingResult(long Step, double Loss, double HeldOutPsnr, double SamplesPerSecond,
    double TrainFlopsPerSample, double Seconds, string ModelPath);

/// <summary>
/// Trains a <see cref="VideoVae"/> on random crops of a data set: reconstruction (MSE + L1) plus a small KL,
/// AdamW with warm-up and cosine decay, an EMA of the weights. Every few minutes it writes
/// train-state.safetensors (weights, EMA, optimizer moments, step; the data position follows from the
/// step) and vae.safetensors (EMA weights + latent scale), scores held-out clips, renders a sample video
/// and redraws loss.png. A stopped run resumes exactly where its last checkpoint was.
/// </summary>
public sealed class VaeTrainer
{
    public const string ModelFile = "vae.safetensors";
    public const string StateFile = "train-state.safetensors";
    public const string LossFile = "loss.csv";
    public const string PlotFile = "loss.png";
    public const string StateFormat = "tessera-vae-train/1";

    private readonly VaeTrainingOptions _o;
    private readonly Action<string> _log;

    public VaeTrainer(VaeTrainingOptions options, Action<string>? log = null)
    {
        _o = options;
        _log = log ?? (_ => { });
    }

    public VaeTrainingResult Run(IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        _o.Validate();
        TorchNative.EnsureLoaded();
        torch.set_num_threads(_o.Threads);
        var train = new DecodedClipCache(ClipDataset.Open(_o.DataDir));
        var heldOut = _o.HeldOutDir is null ? train : new DecodedClipCache(ClipDataset.Open(_o.HeldOutDir));
        Directory.CreateDirectory(_o.OutDir);
        Directory.CreateDirectory(Path.Combine(_o.OutDir, "samples"));
        var statePath = Path.Combine(_o.OutDir, StateFile);
        if (!_o.Resume && File.Exists(statePath))
            throw new TesseraError($"{_o.OutDir} already holds a training run ({StateFile}); pass --resume to continue it, or choose another --out");

        var device = TrainingDevice.Resolve(_o.Device);
        torch.manual_seed(_o.Seed);
        using var model = new VideoVae(_o.Config);
        using var averaged = new VideoVae(_o.Config);
        model.to(device);
        averaged.to(device);
        using var optimizer = new VaeOptimizer(model.named_parameters()) { WeightDecay = _o.WeightDecay };
        long step = 0;
        if (_o.Resume && File.Exists(statePath)) step = RestoreState(statePath, model, optimizer);
        else if (_o.Resume) _log($"no {StateFile} in {_o.OutDir}: starting a new run");
        if (step > 0) _log($"resumed from step {step} (data position {step * _o.BatchSize})");

        var sampler = new VaeBatchSampler(train, _o.BatchSize, _o.CropFrames, _o.CropSize, _o.Seed);
        var lossLog = new VaeLossLog(Path.Combine(_o.OutDir, LossFile), step);
        var flopsPerSample = 3 * ForwardFlops(model, _o.CropFrames, _o.CropSize, device);   // backward ≈ 2× forward

        var clock = Stopwatch.StartNew();
        var lastCheckpoint = clock.Elapsed;
        var interval = Stopwatch.StartNew();
        int intervalSamples = 0;
        double lossSum = 0, mseSum = 0, klSum = 0, lastLoss = double.NaN, rate = 0, psnr = double.NaN;
        int lossCount = 0;
        var startStep = step;
        double? TimeFraction() => _o.MaxMinutes is { } m ? clock.Elapsed.TotalMinutes / m : null;
        while (step < _o.Steps && !(TimeFraction() >= 1) && !cancellationToken.IsCancellationRequested)
        {
            var lr = _o.LearningRateAt(step, TimeFraction());
            var (loss, mse, kl) = TrainStep(model, optimizer, sampler, step, lr, device);
            step++;
            (lossSum, mseSum, klSum, lossCount, intervalSamples) = (lossSum + loss, mseSum + mse, klSum + kl, lossCount + 1, intervalSamples + _o.BatchSize);
            lastLoss = loss;
            if (!double.IsFinite(loss))
                throw new TesseraError($"training diverged at step {step} (loss {loss}); resume from the last checkpoint with a lower --lr", 1);

            if (step % _o.LogEvery == 0 || step == _o.Steps)
            {
                rate = intervalSamples / interval.Elapsed.TotalSeconds;
                lossLog.Add(new VaeLossRow(step, lossSum / lossCount, mseSum / lossCount, klSum / lossCount, lr, rate,
                    clock.Elapsed.TotalSeconds, null));
                (lossSum, mseSum, klSum, lossCount, intervalSamples) = (0, 0, 0, 0, 0);
                interval.Restart();
            }
            progress?.Report(new ProgressUpdate(step, _o.Steps, string.Create(CultureInfo.InvariantCulture,
                $"step {step} loss {lastLoss:0.00000} {rate:0.0} samples/s{(double.IsNaN(psnr) ? "" : $" {psnr:0.0} dB")}")));
            if ((clock.Elapsed - lastCheckpoint).TotalMinutes >= _o.CheckpointMinutes)
            {
                psnr = Checkpoint(step, model, averaged, optimizer, train, heldOut, lossLog);
                lastCheckpoint = clock.Elapsed;
            }
        }
        psnr = Checkpoint(step, model, averaged, optimizer, train, heldOut, lossLog);
        var seconds = clock.Elapsed.TotalSeconds;
        var trained = (step - startStep) * _o.BatchSize;
        return new VaeTrainingResult(step, lastLoss, psnr, trained / Math.Max(seconds, 1e-9), flopsPerSample, seconds,
            Path.Combine(_o.OutDir, ModelFile));
    }

    private (double Loss, double Mse, double Kl) TrainStep(VideoVae model, VaeOptimizer optimizer, VaeBatchSampler sampler, long step, double lr, Device device)
    {
        using var scope = torch.NewDisposeScope();
        // Posterior noise from a per-step seed: a resumed run draws the same noise as an uninterrupted one.
        torch.manual_seed(VaeBatchSampler.StableSeed(_o.Seed, step, 0x401e));
        var x = sampler.Batch(step).to(device);                          // (B, 3, T, S, S)
        var (mean, logVar) = model.Moments(x);                           // (B, L, 1+k, S/s, S/s) each
        var z = mean + (0.5 * logVar).exp() * torch.randn_like(mean);
        var recon = model.DecodeUnscaled(z);                              // (B, 3, T, S, S)
        var mse = nn.functional.mse_loss(recon, x);
        var l1 = nn.functional.l1_loss(recon, x);
        var kl = 0.5 * (mean.square() + logVar.exp() - 1 - logVar).mean();
        var loss = mse + l1 + _o.Config.KlWeight * kl;
        optimizer.ZeroGrad();
        loss.backward();
        // A non-finite gradient (seen rarely from libtorch's CPU conv3d backward at very small widths)
        // would poison every weight: skip that update instead; the loss log still records the step.
        if (double.IsFinite(optimizer.ClipGradNorm(1.0))) optimizer.Step(lr, _o.EmaDecayAt(step));
        else _log($"step {step}: non-finite gradient, update skipped");
        return (loss.item<float>(), mse.item<float>(), kl.item<float>());
    }

    /// <summary>Forward FLOPs (encode + decode) of one crop, counted over the convolutions.</summary>
    public static double ForwardFlops(VideoVae model, int frames, int size, Device? device = null)
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        using var counter = ConvFlopCounter.Begin();
        var x = torch.zeros([1, 3, frames, size, size], device: device);
        model.DecodeUnscaled(model.Moments(x).Mean);
        return counter.Flops;
    }

    private double Checkpoint(long step, VideoVae model, VideoVae averaged, VaeOptimizer optimizer,
        DecodedClipCache train, DecodedClipCache heldOut, VaeLossLog lossLog)
    {
        // 1. Everything needed to resume, in one atomic file.
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, t) in model.state_dict()) tensors["model." + name] = t;
        optimizer.AddState(tensors);
        SafeTensorsFile.Save(Path.Combine(_o.OutDir, StateFile), tensors, new Dictionary<string, string>
        {
            ["format"] = StateFormat,
            ["config"] = _o.Config.ToJson(),
            ["step"] = step.ToString(CultureInfo.InvariantCulture),
            ["updates"] = optimizer.Updates.ToString(CultureInfo.InvariantCulture),
            ["data_position"] = (step * _o.BatchSize).ToString(CultureInfo.InvariantCulture),
            ["seed"] = _o.Seed.ToString(CultureInfo.InvariantCulture),
            ["options"] = JsonSerializer.Serialize(_o with { Resume = false }),
        });

        // 2. The usable model: EMA weights, latents scaled to unit variance, scored on held-out clips.
        averaged.LoadWeights(optimizer.EmaWeights(), "EMA weights");
        averaged.eval();
        var (mean, std) = VaeEvaluator.LatentStatistics(averaged, train, 16);
        averaged.LatentShift = mean;
        averaged.LatentScale = 1 / Math.Max(std, 1e-6);
        var psnr = VaeEvaluator.HeldOutPsnr(averaged, heldOut, _o.EvalClips);
        var meta = averaged.CheckpointMetadata();
        meta["step"] = step.ToString(CultureInfo.InvariantCulture);
        meta["heldout_psnr_db"] = psnr.ToString("F2", CultureInfo.InvariantCulture);
        meta["heldout_data"] = heldOut.Dataset.Directory;
        SafeTensorsFile.Save(Path.Combine(_o.OutDir, ModelFile), averaged.Weights(), meta);

        // 3. What a person looks at: a reconstruction video and the loss plot.
        try
        {
            VaeSampleWriter.Write(Path.Combine(_o.OutDir, "samples", $"step-{step:000000}.mp4"), averaged, heldOut);
        }
        catch (MediaError e)
        {
            _log($"sample video skipped: {e.Message}");   // e.g. a training machine without ffmpeg
        }
        lossLog.SetLastPsnr(psnr);
        try
        {
            VaeLossPlot.Write(Path.Combine(_o.OutDir, PlotFile), lossLog.Rows,
                string.Create(CultureInfo.InvariantCulture, $"VAE {_o.Config.Name}: step {step}, held-out PSNR {psnr:0.00} dB"));
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException)
        {
            _log($"loss plot skipped: SkiaSharp's native library cannot load here ({e.GetBaseException().Message})");
        }
        _log(string.Create(CultureInfo.InvariantCulture,
            $"checkpoint at step {step}: held-out PSNR {psnr:0.00} dB, latent mean {mean:0.000} std {std:0.000} → {Path.Combine(_o.OutDir, ModelFile)}"));
        return psnr;
    }

    private long RestoreState(string path, VideoVae model, VaeOptimizer optimizer)
    {
        using var content = SafeTensorsFile.Load(path);
        var meta = content.Metadata;
        if (!meta.TryGetValue("format", out var f) || f != StateFormat)
            throw new TesseraError($"{path} is not a VAE training state (format '{f}'); remove it or choose another --out");
        if (!meta.TryGetValue("config", out var cfg) || VaeConfig.FromJson(cfg) != _o.Config)
            throw new TesseraError($"{path} was trained with a different VAE config ({cfg}); resume with the same --preset or choose another --out");
        var weights = content.Tensors.Where(p => p.Key.StartsWith("model.", StringComparison.Ordinal))
            .ToDictionary(p => p.Key["model.".Length..], p => p.Value, StringComparer.Ordinal);
        model.LoadWeights(weights, path);
        var step = long.Parse(meta.GetValueOrDefault("step", "0"), CultureInfo.InvariantCulture);
        var updates = long.Parse(meta.GetValueOrDefault("updates", "0"), CultureInfo.InvariantCulture);
        if (!optimizer.TryRestore(content.Tensors, updates, out var problem))
            throw new TesseraError($"{path}: {problem}; the file is damaged or from another version");
        return step;
    }
}
