namespace Tessera.Media;

/// <summary>Finds the ffmpeg and ffprobe programs once, with a clear error when they are missing.</summary>
public static class FfmpegTools
{
    private static readonly Lazy<string?> FfmpegPath = new(() => FindOnPath("ffmpeg"));
    private static readonly Lazy<string?> FfprobePath = new(() => FindOnPath("ffprobe"));

    public static string Ffmpeg => Resolve("ffmpeg", FfmpegPath);
    public static string Ffprobe => Resolve("ffprobe", FfprobePath);

    private static string Resolve(string name, Lazy<string?> found)
    {
        return found.Value ?? throw Missing(name);
    }

    private static MediaError Missing(string name) =>
        new($"{name} was not found on PATH; install it with: sudo apt-get install -y ffmpeg", exitCode: 1);

    private static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
