using Tessera.Edit;
using Tessera.Media;
using Tessera.Studio.Jobs;

namespace Tessera.Studio.Backends;

/// <summary>contracts §3: the editor asks for one generated clip at a time; the engine backend makes it.</summary>
public sealed class EngineClipGenerator(EngineGenerationBackend engine) : IClipGenerator
{
    public void Generate(ClipGenerationSpec spec, string outputPath, CancellationToken ct)
    {
        var dir = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outputPath))!, $".gen-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var clip = engine.Generate(new GenerationInput("timeline-clip",
                new GenerationSpec(spec.Prompt, spec.Seed, 1, spec.Frames, spec.Width, spec.Height, spec.Fps, null, null, null, null, false),
                spec.FirstFramePath), dir, new Progress<ProgressUpdate>(), ct).Single();
            File.Move(clip.Path, outputPath, overwrite: true);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
