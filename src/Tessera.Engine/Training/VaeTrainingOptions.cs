using Tessera.Engine.Vae;

namespace Tessera.Engine.Training;

/// <summary>Everything a VAE training run needs; the defaults suit the tiny preset on 64×64×17 world clips.</summary>
/// <param name="DataDir">Training data set folder (contracts §1).</param>
/// <param name="OutDir">Where vae.safetensors, train-state.safetensors, loss.csv, loss.png and samples/ go.</param>
/// <param name="HeldOutDir">Clips never trained on, for PSNR and sample videos (null: the last training clips).</param>
/// <param name="Steps">Optimizer steps in all (the cosine schedule ends here).</param>
/// <param name="BatchSize">Crops per step.</param>
/// <param name="CropFrames">Frames per training crop (1 + 4k); any clip frame may start a crop, so every frame also trains the still-image path.</param>
/// <param name="CropSize">Side of the square training crop in pixels (the model is convolutional: it decodes any size).</param>
/// <param name="CheckpointMinutes">Wall time between checkpoints (state, exported VAE, eval, sample video).</param>
/// <param name="EvalClips">Held-out clips scored at each checkpoint.</param>
/// <param name="Device">"cpu", or "cuda" where libtorch has CUDA.</param>
/// <param name="MaxMinutes">Wall-time budget: the schedule then runs on whichever of steps or time is further along
/// (a run that stops on time still ends with a decayed learning rate; resumes are then exact only in steps mode).</param>
public sealed record VaeTrainingOptions(
    string DataDir,
    string OutDir,
    VaeConfig Config,
    string? HeldOutDir = null,
    int Steps = 4000,
    int BatchSize = 8,
    int CropFrames = 9,
    int CropSize = 32,
    double LearningRate = 2e-3,
    int WarmupSteps = 100,
    double FinalLearningRateFraction = 0.05,
    double WeightDecay = 0.01,
    double EmaDecay = 0.995,
    double CheckpointMinutes = 3,
    int LogEvery = 10,
    int EvalClips = 16,
    int Seed = 1,
    bool Resume = false,
    int Threads = 2,
    string Device = "cpu",
    double? MaxMinutes = null)
{
    /// <summary>Linear warm-up, then cosine decay to <see cref="FinalLearningRateFraction"/> of the peak.</summary>
    public double LearningRateAt(long step, double? timeFraction = null)
    {
        if (step < WarmupSteps) return LearningRate * (step + 1) / WarmupSteps;
        var progress = Math.Clamp((double)(step - WarmupSteps) / Math.Max(1, Steps - WarmupSteps), 0, 1);
        if (timeFraction is { } f) progress = Math.Max(progress, Math.Clamp(f, 0, 1));
        var floor = LearningRate * FinalLearningRateFraction;
        return floor + (LearningRate - floor) * 0.5 * (1 + Math.Cos(Math.PI * progress));
    }

    /// <summary>EMA decay ramps up from 0 so early averages aren't dominated by the random start.</summary>
    public double EmaDecayAt(long step) => Math.Min(EmaDecay, (1.0 + step) / (10.0 + step));

    public void Validate()
    {
        static void Require(bool ok, string what) { if (!ok) throw new Tessera.Media.TesseraError(what); }
        Require(Steps >= 1, $"--steps must be ≥ 1, got {Steps}");
        Require(BatchSize >= 1, $"--batch must be ≥ 1, got {BatchSize}");
        Require(CropFrames >= 1 && (CropFrames - 1) % Config.TimeFactor == 0, $"--crop-frames must be 1 + {Config.TimeFactor}k, got {CropFrames}");
        Require(CropSize >= Config.SpaceFactor && CropSize % Config.SpaceFactor == 0, $"--crop-size must be a multiple of {Config.SpaceFactor}, got {CropSize}");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), $"--lr must be > 0, got {LearningRate}");
        Require(Threads >= 1, $"--threads must be ≥ 1, got {Threads}");
        Require(CheckpointMinutes > 0, $"--checkpoint-minutes must be > 0, got {CheckpointMinutes}");
    }
}
