using Tessera.Engine;
using Tessera.Media;

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
        var request = new GenerationRequest(
            Prompt: input.Prompt, Seed: input.Seed, Frames: input.Frames, Width: input.Width, Height: input.Height, Fps: input.Fps,
            Steps: input.Steps, Cfg: input.Cfg,
            FirstFrame: input.FirstFramePath is { } first ? RgbImage.Load(first, input.Width, input.Height) : null,
            LastFrame: input.LastFramePath is { } last ? RgbImage.Load(last, input.Width, input.Height) : null,
            Variants: input.Variants, NegativePrompt: input.NegativePrompt, Autoguide: input.Autoguide,
            ContextClip: input.ExtendPath, ContextFrames: input.ContextFrames, ContextFromEnd: true, NoiseScale: input.NoiseScale);
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
