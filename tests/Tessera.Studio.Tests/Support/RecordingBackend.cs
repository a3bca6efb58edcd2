using System.Collections.Concurrent;
using Tessera.Media;
using Tessera.Studio.Backends;

namespace Tessera.Studio.Tests.Support;

/// <summary>
/// A test backend that makes real MP4s (flat colour from the prompt, via FrameWriter), takes a configurable time,
/// counts executions per job id (to prove no job runs twice), and can be told to fail a job's first runs.
/// </summary>
public sealed class RecordingBackend(TimeSpan frameDelay) : IGenerationBackend, IRenderBackend
{
    private readonly TestPatternBackend _pattern = new(frameDelay);
    public ConcurrentDictionary<string, int> Executions { get; } = new();
    public ConcurrentDictionary<string, string> LastTimeline { get; } = new();
    public ConcurrentDictionary<string, GenerationInput> LastInput { get; } = new();

    /// <summary>Prompts that make a run fail with this exception (made from the run's input and work folder), the first N times.</summary>
    public ConcurrentDictionary<string, (int Times, Func<GenerationInput, string, Exception> Error)> Failures { get; } = new();

    public IReadOnlyList<GeneratedClip> Generate(GenerationInput input, string workDir, IProgress<ProgressUpdate> progress, CancellationToken ct)
    {
        var n = Executions.AddOrUpdate(input.JobId, 1, (_, c) => c + 1);
        LastInput[input.JobId] = input;
        if (Failures.TryGetValue(input.Spec.Prompt, out var f) && n <= f.Times) throw f.Error(input, workDir);
        return _pattern.Generate(input, workDir, progress, ct);
    }

    public void Render(RenderInput input, string outputPath, IProgress<ProgressUpdate> progress, CancellationToken ct)
    {
        Executions.AddOrUpdate(input.JobId, 1, (_, c) => c + 1);
        LastTimeline[input.JobId] = input.TimelineJson;
        _pattern.Render(input, outputPath, progress, ct);
    }
}
