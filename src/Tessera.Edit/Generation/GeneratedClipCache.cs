using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Tessera.Media;

namespace Tessera.Edit;

/// <summary>
/// Generated clips stored by the hash of everything that determines them (prompt, seed, size, frames,
/// rate and the first frame's bytes), so re-rendering a timeline never regenerates an unchanged clip,
/// and changing any input does.
/// </summary>
public sealed class GeneratedClipCache(string directory)
{
    public string Directory { get; } = directory;

    /// <summary>The cache folder used when none is given: $TESSERA_CACHE, else $XDG_CACHE_HOME/tessera, else ~/.cache/tessera.</summary>
    public static string DefaultDirectory()
    {
        if (Environment.GetEnvironmentVariable("TESSERA_CACHE") is { Length: > 0 } c) return Path.Combine(c, "generated");
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = xdg is { Length: > 0 } ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "tessera", "generated");
    }

    public static string Key(ClipGenerationSpec spec)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"tessera-generated/1\n{spec.Prompt}\n{spec.Seed}\n{spec.Width}x{spec.Height}\n{spec.Frames}@{spec.Fps:R}\n");
        if (spec.FirstFramePath is { } f) sb.Append(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..32].ToLowerInvariant();
    }

    /// <summary>The cached clip for <paramref name="spec"/>, generating it first when it is not cached yet.</summary>
    public string GetOrGenerate(ClipGenerationSpec spec, IClipGenerator generator, string jsonPath, CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, $"{Key(spec)}.mp4");
        if (File.Exists(path) && new FileInfo(path).Length > 0) return path;
        using var output = new AtomicFile(path);
        try
        {
            generator.Generate(spec, output.TempPath, ct);
        }
        catch (TesseraError e)
        {
            throw new TesseraError($"{jsonPath}: generating \"{spec.Prompt}\" failed: {e.Message}", e.ExitCode, e);
        }
        if (!File.Exists(output.TempPath))
            throw new TesseraError($"{jsonPath}: the generator finished without writing a clip", 1);
        var info = MediaProbe.Probe(output.TempPath);
        if (info.Video is null) throw new TesseraError($"{jsonPath}: the generated clip has no video stream", 1);
        output.Commit();
        return path;
    }
}
