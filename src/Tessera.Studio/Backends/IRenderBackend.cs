using Tessera.Media;

namespace Tessera.Studio.Backends;

/// <summary>Renders one timeline to a video file (the editor behind it). Same threading rules as generation.</summary>
public interface IRenderBackend
{
    /// <summary>Renders to <paramref name="outputPath"/> (an .mp4 under the job's work folder).</summary>
    void Render(RenderInput input, string outputPath, IProgress<ProgressUpdate> progress, CancellationToken ct);
}

/// <summary>The editor's timeline JSON with every "asset:ID" reference replaced by the asset's local file path.</summary>
public sealed record RenderInput(string JobId, string TimelineJson, string WorkDir);
