// Compiled only once Tessera.Edit.TimelineRenderer (contracts §3, §4) is on this branch: see Tessera.Studio.csproj.
using Tessera.Edit;
using Tessera.Media;

namespace Tessera.Studio.Backends;

/// <summary>
/// Timeline renders through the editor. Generated clips inside a timeline go through the engine adapter, so a
/// render can mix uploaded footage and new generations; the editor caches generated clips in <paramref name="cacheDir"/>.
/// </summary>
public sealed class EditorRenderBackend(EngineGenerationBackend engine, string cacheDir) : IRenderBackend
{
    public void Render(RenderInput input, string outputPath, IProgress<ProgressUpdate> progress, CancellationToken ct)
    {
        var timeline = TimelineLoader.Parse(input.TimelineJson, $"render job {input.JobId}");
        Directory.CreateDirectory(cacheDir);
        new TimelineRenderer(new EngineClipGenerator(engine, input.JobId), cacheDir)
            .Render(timeline, outputPath, new RenderOptions(), progress, ct);
    }

    /// <summary>contracts §3: the editor asks for one clip at a time.</summary>
    private sealed class EngineClipGenerator(EngineGenerationBackend engine, string jobId) : IClipGenerator
    {
        public void Generate(ClipGenerationSpec spec, string outputPath, CancellationToken ct)
        {
            var dir = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outputPath))!, $".gen-{Guid.NewGuid():N}");
            Directory.CreateDirectory(dir);
            try
            {
                var clip = engine.Generate(new GenerationInput(jobId, spec.Prompt, spec.Seed, 1, spec.Frames, spec.Width, spec.Height, spec.Fps,
                    null, null, spec.FirstFramePath, null), dir, new Progress<ProgressUpdate>(), ct).Single();
                File.Move(clip.Path, outputPath, overwrite: true);
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
