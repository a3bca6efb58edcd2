using Tessera.Media;
using Tessera.Studio.Backends;
using Tessera.Studio.Jobs;
using Tessera.Studio.Tests.Support;

namespace Tessera.Studio.Tests.Backends;

/// <summary>`serve --model` / `worker --model`: the engine generates with the folder named, and a wrong one is refused at start-up.</summary>
public sealed class BackendCatalogTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tessera-catalog-").FullName;

    [Fact]
    public void The_engine_generates_with_the_model_folder_it_is_given()
    {
        // phyworld-uniform's generation.json turns autoguidance on; the default world-tiny has none. The video's
        // metadata says which sampling ran, so it tells the two folders apart.
        using var backends = (IDisposable)BackendCatalog.Create(BackendCatalog.Engine, _dir, "phyworld-uniform").Generation;
        var input = new GenerationInput("job_model", new GenerationSpec("a red ball moves to the right", 3, 1, 4, 64, 64, 10, 2, null, null, null, false));
        var clip = Assert.Single(((IGenerationBackend)backends).Generate(input, _dir, new Progress<ProgressUpdate>(), CancellationToken.None));
        Assert.Contains("autoguide=5", TestMedia.Tags(clip.Path)["comment"]);
    }

    [Fact]
    public void A_missing_or_incomplete_model_folder_or_a_model_for_the_test_pattern_backend_is_refused_naming_it()
    {
        var missing = Assert.Throws<TesseraError>(() => BackendCatalog.Create(BackendCatalog.Engine, _dir, Path.Combine(_dir, "no-such-model")));
        Assert.Contains("model folder not found", missing.Message);

        var half = Directory.CreateDirectory(Path.Combine(_dir, "half")).FullName;
        File.WriteAllText(Path.Combine(half, "vae.safetensors"), "x");
        var incomplete = Assert.Throws<TesseraError>(() => BackendCatalog.Create(BackendCatalog.Engine, _dir, half));
        Assert.Contains("has no dit.safetensors", incomplete.Message);

        var pattern = Assert.Throws<TesseraError>(() => BackendCatalog.Create(BackendCatalog.TestPattern, _dir, "phyworld-uniform"));
        Assert.Contains("--model only counts with --backend engine", pattern.Message);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
