using Tessera.Engine.Dit;
using Tessera.Engine.Flow;

namespace Tessera.Engine.Training;

/// <summary>Everything a DiT training run is told; recorded in the run folder so a resume continues with the same settings.</summary>
/// <param name="DataDir">Data set folder (contracts §1).</param>
/// <param name="OutDir">Run folder: checkpoints, loss log and plot, samples, latent cache.</param>
/// <param name="VaePath">The frozen VAE whose latents the DiT learns.</param>
/// <param name="Preset">DiT size preset.</param>
/// <param name="Resume">Continue from OutDir/train-state.safetensors.</param>
/// <param name="BatchSize">Clips per step.</param>
/// <param name="LearningRate">Peak learning rate after warm-up.</param>
/// <param name="WarmupSteps">Linear warm-up from 0.</param>
/// <param name="MaxSteps">Stop after this many steps (null: no step limit).</param>
/// <param name="MaxMinutes">Stop after this much wall time in this process (null: none).</param>
/// <param name="CheckpointMinutes">Wall minutes between checkpoints.</param>
/// <param name="SampleMinutes">Wall minutes between sample videos (0: never).</param>
/// <param name="Seed">Seeds the data order, captions, conditions, noise and times.</param>
/// <param name="Precision">"auto" (bf16 where the device has it natively, else f32), "bf16" or "f32" for the big matmuls.</param>
/// <param name="Timesteps">Training time distribution.</param>
/// <param name="CaptionDropout">Probability a caption is dropped (classifier-free guidance).</param>
/// <param name="StillFraction">Fraction of steps trained on stills (first frames alone).</param>
/// <param name="EmaDecay">Largest EMA decay.</param>
/// <param name="Threads">Torch CPU threads (0: leave as is).</param>
/// <param name="SamplePrompt">Prompt for periodic sample videos.</param>
/// <param name="MaxClips">Use only the first N clips of the data set (null: all).</param>
/// <param name="InitFrom">A model file (dit.safetensors) whose weights, shape and vocabulary a new run starts from (a fresh optimizer), e.g. to continue the shipped model.</param>
/// <param name="Conditions">Training mix of frame conditions (null: <see cref="ConditionMix.Default"/>).</param>
/// <param name="ValDataDir">A held-out data set (same size and frames) whose fixed-time loss is measured at each checkpoint (null: none).</param>
/// <param name="ValClips">Clips of <paramref name="ValDataDir"/> to use.</param>
/// <param name="DecaySteps">Linear learning-rate decay to 0 over the last N steps before <paramref name="MaxSteps"/> (0: constant).</param>
/// <param name="Mirror">Also train on the left-right mirror images of the clips whose captions name a side, with left and right swapped in their captions (<see cref="Data.MirroredClips"/>).</param>
/// <param name="LossyContext">Fraction of context-conditioned samples whose context frames went through a 4:2:0 round trip first, as a user's
/// MP4 does (<see cref="Tessera.Media.ChromaSubsampling"/>); 0: clean frames only. The generated frames stay clean either way.</param>
/// <param name="ContextStills">Make the model with context stills (<see cref="Conditioning.ContextStills"/>): a context's frames that share a
/// latent frame with held copies are also given one by one as stills. With <paramref name="InitFrom"/> a model made without them gains
/// them, starting from exactly what it computed; a resumed run keeps what it was made with.</param>
/// <param name="ContextPixels">Make the model with context pixels (<see cref="Conditioning.ContextPixels"/>): every context frame is also
/// given as its pixels folded onto the latent grid. Gained and kept like <paramref name="ContextStills"/>.</param>
/// <param name="Device">"cpu", or "cuda" where libtorch has CUDA (the model, optimizer and batches live there; checkpoints are written from the CPU side and load anywhere).</param>
public sealed record DitTrainOptions(
    string DataDir,
    string OutDir,
    string VaePath,
    string Preset = "tiny",
    bool Resume = false,
    int BatchSize = 16,
    double LearningRate = 3e-4,
    int WarmupSteps = 200,
    long? MaxSteps = null,
    double? MaxMinutes = null,
    double CheckpointMinutes = 5,
    double SampleMinutes = 15,
    int Seed = 0,
    string Precision = PrecisionChoice.Auto,
    TimestepDistribution Timesteps = TimestepDistribution.LogitNormal,
    double CaptionDropout = 0.1,
    double StillFraction = 0.1,
    double EmaDecay = 0.999,
    int Threads = 0,
    string SamplePrompt = "a red ball rolls to the right",
    int? MaxClips = null,
    string Device = "cpu",
    string? InitFrom = null,
    ConditionMix? Conditions = null,
    string? ValDataDir = null,
    int ValClips = 64,
    long DecaySteps = 0,
    bool Mirror = false,
    double LossyContext = 0,
    bool ContextStills = false,
    bool ContextPixels = false);
