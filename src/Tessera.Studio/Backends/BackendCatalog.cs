using Tessera.Engine.Generation;
using Tessera.Media;
using Tessera.Studio.Hosting;

namespace Tessera.Studio.Backends;

/// <summary>
/// The backends `--backend` can name. "engine" (the default) generates with the shipped model (Tessera.Engine);
/// "test-pattern" writes flat-colour clips, for queue tests and benchmarks. Renders go through the editor
/// (Tessera.Edit) with either; generated clips inside a timeline need the engine.
/// </summary>
public static class BackendCatalog
{
    public const string Engine = "engine";
    public const string TestPattern = "test-pattern";

    public static string Default => Engine;

    /// <summary>The named backends; the engine's model folder (<paramref name="modelDir"/>: a folder, a shipped model's
    /// name, or null for the shipped default) is checked here, at start-up, so a wrong one stops the server instead of
    /// failing every job.</summary>
    public static StudioBackends Create(string name, string dataDir, string? modelDir = null, string device = "cpu", Action<string>? warn = null) => name switch
    {
        TestPattern when modelDir is not null => throw new TesseraError($"--model only counts with --backend {Engine}; the {TestPattern} backend runs no model"),
        TestPattern => new(TestPatternBackend.FromEnvironment(), new EditorRenderBackend(null, RenderCache(dataDir)), TestPattern),
        Engine => EngineBackends(dataDir, CheckedModel(modelDir), device, warn),
        _ => throw new TesseraError($"--backend must be {Engine} or {TestPattern}, not '{name}'"),
    };

    /// <summary>The model folder the engine will load, with both weight files present.</summary>
    private static string CheckedModel(string? modelDir)
    {
        var dir = ModelDirectory.Resolve(modelDir);
        foreach (var file in new[] { ModelDirectory.VaeFile, ModelDirectory.DitFile })
            if (!File.Exists(Path.Combine(dir, file)))
                throw new TesseraError($"model folder {dir} has no {file}; pass --model with a folder holding {ModelDirectory.VaeFile} and {ModelDirectory.DitFile}");
        return dir;
    }

    private static string RenderCache(string dataDir) => Path.Combine(Path.GetFullPath(dataDir), "render-cache");

    private static StudioBackends EngineBackends(string dataDir, string modelDir, string device, Action<string>? warn)
    {
        var engine = new EngineGenerationBackend(modelDir, device, warn);
        return new(engine, new EditorRenderBackend(new EngineClipGenerator(engine), RenderCache(dataDir)), $"{Engine} (model {modelDir}, {device})");
    }
}
