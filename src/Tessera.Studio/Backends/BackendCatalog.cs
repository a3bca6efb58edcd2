using Tessera.Media;
using Tessera.Studio.Hosting;

namespace Tessera.Studio.Backends;

/// <summary>
/// The backends `--backend` can name. "engine" generates with the shipped model (Tessera.Engine); "test-pattern"
/// writes flat-colour clips, for queue tests and benchmarks. Renders go through the editor (Tessera.Edit) with
/// either, once it is wired; generated clips inside a timeline need the engine.
/// WIRING: the TesseraEditWired / TesseraEngineWired switches in Tessera.Studio.csproj define EDIT_WIRED and
/// ENGINE_WIRED; this file needs no edit. With the engine wired, "engine" becomes the default.
/// </summary>
public static class BackendCatalog
{
    public const string Engine = "engine";
    public const string TestPattern = "test-pattern";

#if ENGINE_WIRED
    public static bool EngineAvailable => true;
#else
    public static bool EngineAvailable => false;
#endif

    public static string Default => EngineAvailable ? Engine : TestPattern;

    public static StudioBackends Create(string name, string dataDir) => name switch
    {
        TestPattern => TestPatternBackends(dataDir),
        Engine when EngineAvailable => EngineBackends(dataDir),
        Engine => throw new TesseraError("--backend engine is not available in this build (the engine is not wired in yet); use --backend test-pattern"),
        _ => throw new TesseraError($"--backend must be {Engine} or {TestPattern}, not '{name}'"),
    };

    private static string RenderCache(string dataDir) => Path.Combine(Path.GetFullPath(dataDir), "render-cache");

    private static StudioBackends TestPatternBackends(string dataDir)
    {
        var pattern = TestPatternBackend.FromEnvironment();
#if EDIT_WIRED
        return new(pattern, new EditorRenderBackend(null, RenderCache(dataDir)));
#else
        _ = dataDir;
        return new(pattern, pattern);
#endif
    }

    private static StudioBackends EngineBackends(string dataDir)
    {
#if ENGINE_WIRED
        var engine = new EngineGenerationBackend();
#if EDIT_WIRED
        return new(engine, new EditorRenderBackend(new EngineClipGenerator(engine), RenderCache(dataDir)));
#else
        return new(engine, TestPatternBackend.FromEnvironment());
#endif
#else
        throw new TesseraError($"the engine is not wired into this build (data {dataDir})");
#endif
    }
}
