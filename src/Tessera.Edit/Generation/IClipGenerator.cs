namespace Tessera.Edit;

/// <summary>What the engine is asked to make for a generated clip on the timeline.</summary>
/// <param name="FirstFramePath">A PNG the clip must start from (image-to-video, or "continue from the previous clip"), or null.</param>
public sealed record ClipGenerationSpec(string Prompt, int Seed, string? FirstFramePath, int Width, int Height,
    int Frames, double Fps);

/// <summary>
/// The hook through which the editor asks for generated clips. The editor knows nothing of models: the
/// CLI and the studio pass an adapter over the engine's VideoGenerator. Implementations write an MP4 to
/// <c>outputPath</c> (the renderer caches it by content hash, so the same spec is generated once).
/// </summary>
public interface IClipGenerator
{
    void Generate(ClipGenerationSpec spec, string outputPath, CancellationToken ct);
}
