using Tessera.Media;

namespace Tessera.Engine.Generation;

/// <summary>
/// Finds a model folder (vae.safetensors + dit.safetensors). With no folder given: the shipped
/// models/world-tiny under TESSERA_HOME, else found by walking up from the program's folder.
/// </summary>
public static class ModelDirectory
{
    public const string Shipped = "models/world-tiny";
    public const string VaeFile = "vae.safetensors";
    public const string DitFile = "dit.safetensors";

    public static string Resolve(string? modelDir)
    {
        if (modelDir is not null)
        {
            if (!Directory.Exists(modelDir)) throw new TesseraError($"model folder not found: {modelDir}; pass a folder holding {VaeFile} and {DitFile}");
            return Path.GetFullPath(modelDir);
        }
        var home = Environment.GetEnvironmentVariable("TESSERA_HOME");
        if (!string.IsNullOrEmpty(home) && Directory.Exists(Path.Combine(home, Shipped))) return Path.Combine(home, Shipped);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, Shipped);
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new TesseraError($"the shipped model ({Shipped}) was not found under TESSERA_HOME or above {AppContext.BaseDirectory}; pass --model DIR");
    }
}
