using Tessera.Edit;
using Tessera.Media;

namespace Tessera.Studio.Backends;

/// <summary>
/// Timeline renders through the editor. <paramref name="generator"/> makes the timeline's generated clips (an
/// adapter over the engine); without one, a timeline with generated clips fails validation with the editor's
/// own message. Generated clips are cached in <paramref name="cacheDir"/>.
/// </summary>
public sealed class EditorRenderBackend(IClipGenerator? generator, string cacheDir) : IRenderBackend
{
    public void Render(RenderInput input, string outputPath, IProgress<ProgressUpdate> progress, CancellationToken ct)
    {
        // The source name is a label, not a file: every media path in the studio's timelines is absolute.
        var timeline = TimelineLoader.Parse(input.TimelineJson, $"render job {input.JobId}");
        Directory.CreateDirectory(cacheDir);
        new TimelineRenderer(generator, cacheDir).Render(timeline, outputPath, new RenderOptions(), progress, ct);
    }
}
