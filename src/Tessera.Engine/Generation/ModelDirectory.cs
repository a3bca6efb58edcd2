using Tessera.Media;

namespace Tessera.Engine.Generation;

/// <summary>
/// Finds a model folder (vae.safetensors + dit.safetensors). With no folder given: the shipped
/// models/world-tiny under TESSERA_HOME, else found by walking up from the program's folder; a bare
/// name picks another shipped model the same way (<c>--model phyworld-uniform</c>).
/// </summary>
public static class ModelDirectory
{
    public const string Shipped = "models/world-tiny";
    public const string VaeFile = "vae.safetensors";
    public const string DitFile = "dit.safetensors";
    /// <summary>Optional: a weaker, earlier version of the DiT that autoguidance steers away from.</summary>
    public const string GuideFile = "guide.safetensors";

    public static string Resolve(string? modelDir)
    {
        if (modelDir is not null)
        {
            if (Directory.Exists(modelDir)) return Path.GetFullPath(modelDir);
            // A bare name (e.g. "phyworld-uniform") names one of the shipped models.
            if (IsBareName(modelDir) && FindShipped("models/" + modelDir) is { } shipped) return shipped;
            throw new TesseraError($"model folder not found: {modelDir}; pass a folder holding {VaeFile} and {DitFile}, or the name of a shipped model under models/");
        }
        return FindShipped(Shipped)
            ?? throw new TesseraError($"the shipped model ({Shipped}) was not found under TESSERA_HOME or above {AppContext.BaseDirectory}; pass --model DIR");
    }

    private static bool IsBareName(string name) =>
        name.Length > 0 && name.IndexOfAny(['/', '\\']) < 0 && name != "." && name != "..";

    /// <summary>A folder of the repository's models/ under TESSERA_HOME, else above the program's folder.</summary>
    private static string? FindShipped(string relative)
    {
        var home = Environment.GetEnvironmentVariable("TESSERA_HOME");
        if (!string.IsNullOrEmpty(home) && Directory.Exists(Path.Combine(home, relative))) return Path.Combine(home, relative);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
