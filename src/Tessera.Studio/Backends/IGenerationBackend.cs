using Tessera.Media;

namespace Tessera.Studio.Backends;

/// <summary>
/// Makes the videos of one generation job. Called on a worker thread, one job at a time per worker; it must
/// stop soon after <paramref name="ct"/> fires (the job was canceled or its lease lost).
/// </summary>
public interface IGenerationBackend
{
    /// <summary>Writes every variant under <paramref name="workDir"/> and returns them with their seeds.</summary>
    IReadOnlyList<GeneratedClip> Generate(GenerationInput input, string workDir, IProgress<ProgressUpdate> progress, CancellationToken ct);
}

/// <summary>One generation job, with uploaded frames already resolved to local files. With <paramref name="ExtendPath"/>, the
/// clip opens with that video's last <paramref name="ContextFrames"/> frames.</summary>
public sealed record GenerationInput(
    string JobId, string Prompt, int Seed, int Variants, int Frames, int Width, int Height, double Fps,
    int? Steps, double? Cfg, string? FirstFramePath, string? LastFramePath, string? NegativePrompt = null,
    double? Autoguide = null, string? ExtendPath = null, int ContextFrames = 3, double? NoiseScale = null);

/// <summary>A finished video file and the seed that made it.</summary>
public sealed record GeneratedClip(string Path, int Seed);
