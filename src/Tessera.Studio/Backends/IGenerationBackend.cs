using Tessera.Media;
using Tessera.Studio.Jobs;

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

/// <summary>One generation job: its stored spec, with the uploaded files it names already resolved to local paths (a
/// first or last frame image, or the video to extend).</summary>
public sealed record GenerationInput(
    string JobId, GenerationSpec Spec, string? FirstFramePath = null, string? LastFramePath = null, string? ExtendPath = null);

/// <summary>A finished video file and the seed that made it.</summary>
public sealed record GeneratedClip(string Path, int Seed);
