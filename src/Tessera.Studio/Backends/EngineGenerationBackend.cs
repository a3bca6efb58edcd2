using Tessera.Engine;
using Tessera.Media;
using Tessera.Studio.Jobs;

namespace Tessera.Studio.Backends;

/// <summary>
/// Generation through a model folder (the shipped one unless told). One <see cref="VideoGenerator"/> per process, loaded
/// on first use; calls are serialised because the generator is not thread-safe (TorchSharp dispose scopes are
/// thread-static) — with several in-process workers, jobs queue here, and scaling out means more worker processes.
/// What loading warns about (e.g. no CUDA, so the CPU) goes to <paramref name="warn"/>.
/// </summary>
public sealed class EngineGenerationBackend(string? modelDir = null, string device = "cpu", Action<string>? warn = null) : IGenerationBackend, IDisposable
{
    private readonly Lazy<VideoGenerator> _generator = new(() =>
    {
        var generator = VideoGenerator.Load(modelDir, device);
        foreach (var w in generator.Warnings) warn?.Invoke(w);
        return generator;
    });
    private readonly Lock _gate = new();

    public IReadOnlyList<GeneratedClip> Generate(GenerationInput input, string workDir, IProgress<ProgressUpdate> progress, CancellationToken ct)
    {
        var spec = input.Spec;
        var request = new GenerationRequest(
            Prompt: spec.Prompt, Seed: spec.Seed, Frames: spec.Frames, Width: spec.Width, Height: spec.Height, Fps: spec.Fps,
            Steps: spec.Steps, Cfg: spec.Cfg,
            FirstFrame: input.FirstFramePath is { } first ? RgbImage.Load(first, spec.Width, spec.Height) : null,
            LastFrame: input.LastFramePath is { } last ? RgbImage.Load(last, spec.Width, spec.Height) : null,
            Variants: spec.Variants, NegativePrompt: spec.NegativePrompt, Autoguide: spec.Autoguide,
            ContextClip: input.ExtendPath, ContextFrames: spec.ContextFrames ?? GenerationSpec.DefaultContextFrames, ContextFromEnd: true,
            NoiseScale: spec.NoiseScale);
        lock (_gate)
        {
            ct.ThrowIfCancellationRequested();
            return _generator.Value.Generate(request, Path.Combine(workDir, "generated.mp4"), progress, ct)
                .Select(v => new GeneratedClip(v.Path, v.Seed)).ToList();
        }
    }

    public void Dispose()
    {
        if (_generator.IsValueCreated) _generator.Value.Dispose();
    }
}
