using Tessera.Media;
using Tessera.Studio.Hosting;

namespace Tessera.Studio.Backends;

/// <summary>
/// The backends `--backend` can name. "engine" runs the shipped model (Tessera.Engine) and renders through the
/// editor (Tessera.Edit); "test-pattern" writes flat-colour clips for queue tests and benchmarks.
/// WIRING: EngineGenerationBackend.cs and EditorRenderBackend.cs are compiled once the engine and editor are on
/// this branch; then <see cref="EngineAvailable"/> becomes true and "engine" the default.
/// </summary>
public static class BackendCatalog
{
    public const string Engine = "engine";
    public const string TestPattern = "test-pattern";

    /// <summary>False until the engine and editor adapters are compiled in (see the csproj).</summary>
    public static bool EngineAvailable => false;

    public static string Default => EngineAvailable ? Engine : TestPattern;

    public static StudioBackends Create(string name, string dataDir) => name switch
    {
        TestPattern => Both(TestPatternBackend.FromEnvironment()),
        Engine when EngineAvailable => CreateEngine(dataDir),
        Engine => throw new TesseraError("--backend engine is not available in this build (the engine is not wired in yet); use --backend test-pattern"),
        _ => throw new TesseraError($"--backend must be {Engine} or {TestPattern}, not '{name}'"),
    };

    private static StudioBackends Both(TestPatternBackend b) => new(b, b);

    // Replaced at wiring time by: new(new EngineGenerationBackend(), new EditorRenderBackend(Path.Combine(dataDir, "render-cache")))
    private static StudioBackends CreateEngine(string dataDir) => throw new TesseraError($"engine backend missing (data {dataDir})");
}
