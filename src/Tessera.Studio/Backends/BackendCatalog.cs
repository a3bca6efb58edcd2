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

    public static StudioBackends Create(string name, string dataDir) => name switch
    {
        TestPattern => new(TestPatternBackend.FromEnvironment(), new EditorRenderBackend(null, RenderCache(dataDir))),
        Engine => EngineBackends(dataDir),
        _ => throw new TesseraError($"--backend must be {Engine} or {TestPattern}, not '{name}'"),
    };

    private static string RenderCache(string dataDir) => Path.Combine(Path.GetFullPath(dataDir), "render-cache");

    private static StudioBackends EngineBackends(string dataDir)
    {
        var engine = new EngineGenerationBackend();
        return new(engine, new EditorRenderBackend(new EngineClipGenerator(engine), RenderCache(dataDir)));
    }
}
